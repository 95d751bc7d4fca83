package org.webops.dockerhubbot.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool, migrated on open. The same migrations run on H2 and PostgreSQL. */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static Database open(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    String jdbcUrl = url.jdbcUrl();
    if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.contains("MODE=")) {
      // PostgreSQL mode keeps H2 close to production; AUTO_SERVER is left off on purpose:
      // one process owns the file, several instances need PostgreSQL.
      jdbcUrl = jdbcUrl + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
    config.setJdbcUrl(jdbcUrl);
    url.username().ifPresent(config::setUsername);
    url.password().ifPresent(config::setPassword);
    config.setPoolName("dockerhub-user-bot");
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** True when the database answers a trivial query within a second. */
  public boolean isHealthy() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}

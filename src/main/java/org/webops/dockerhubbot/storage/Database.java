package org.webops.dockerhubbot.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.util.Optional;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.webops.dockerhubbot.health.HealthCheck;

/**
 * The connection pool and its migrations; the same migrations run on H2 and PostgreSQL. {@link
 * #connect} makes the pool without touching the database, so that start-up can migrate on one
 * thread while it builds the rest on another.
 */
public final class Database implements AutoCloseable, HealthCheck {
  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Connects and migrates. */
  public static Database open(DatabaseUrl url) {
    Database database = connect(url);
    try {
      database.migrate();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** The pool alone; connections are made on first use. */
  public static Database connect(DatabaseUrl url) {
    return connect(url, Optional.empty());
  }

  /** The pool alone, its connections counted by {@code metrics} when given. */
  public static Database connect(DatabaseUrl url, Optional<MetricsTrackerFactory> metrics) {
    HikariConfig config = new HikariConfig();
    // AUTO_SERVER is left off on purpose: one process owns an H2 file; several instances need
    // PostgreSQL.
    config.setJdbcUrl(H2Settings.apply(url.jdbcUrl()));
    url.username().ifPresent(config::setUsername);
    url.password().ifPresent(config::setPassword);
    config.setPoolName("dockerhub-user-bot");
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    metrics.ifPresent(config::setMetricsTrackerFactory);
    return new Database(new HikariDataSource(config));
  }

  /** Brings the schema up to date; a no-op when it is. */
  public void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .javaMigrations(new CredentialRecordsMigration())
        .load()
        .migrate();
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
  public String name() {
    return "database";
  }

  @Override
  public HealthCheck.Status status() {
    return isHealthy() ? HealthCheck.Status.ok("up") : HealthCheck.Status.failing("down");
  }

  @Override
  public void close() {
    dataSource.close();
  }
}

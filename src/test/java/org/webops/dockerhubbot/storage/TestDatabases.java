package org.webops.dockerhubbot.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.webops.dockerhubbot.testing.External;

/** Test helpers: a migrated H2 file database in a temporary directory, and request rows. */
public final class TestDatabases {
  private TestDatabases() {}

  public static Database h2(Path dir) {
    return Database.open(DatabaseUrl.parse("jdbc:h2:file:" + dir.resolve("db")));
  }

  /**
   * The PostgreSQL database named by {@code TEST_POSTGRES_URL} (which {@code .ci/run} starts),
   * emptied and migrated afresh.
   */
  public static Database postgres() {
    Database db = emptyPostgres();
    db.migrate();
    return db;
  }

  /** The PostgreSQL database named by {@code TEST_POSTGRES_URL}, emptied and not migrated. */
  public static Database emptyPostgres() {
    String url = System.getenv("TEST_POSTGRES_URL");
    External.require("PostgreSQL", url != null && !url.isBlank(),
        "set TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/database; .ci/run does");
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(),
            parsed.username().orElse(null), parsed.password().orElse(null));
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException("could not reset the test PostgreSQL schema", e);
    }
    return Database.connect(parsed);
  }

  /** Inserts a minimal pending request (the secret and audit tables reference requests). */
  public static long insertRequest(Database db, String pipeline) {
    String sql =
        "INSERT INTO requests (pipeline, requester, kind, scope, repositories, user_variable,"
            + " token_variable, lifetime_days, reason, dry_run, state, created_at, updated_at)"
            + " VALUES (?, 'U0REQUESTER', 'ORG_TOKEN', 'READ_ONLY', '*/*/public', 'DOCKER_USER',"
            + " 'DOCKER_ACCESS_TOKEN', 90, 'test', FALSE, 'PENDING_APPROVAL', ?, ?)";
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      ps.setString(1, pipeline);
      ps.setObject(2, now);
      ps.setObject(3, now);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One statement with these parameters, outside any store. */
  public static void update(Database db, String sql, Object... values) {
    try (Connection c = db.dataSource().getConnection();
        java.sql.PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static int countRows(Database db, String table) {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every column of every row of {@code table}, as text, joined with newlines. */
  public static String dumpTable(Database db, String table) {
    StringBuilder out = new StringBuilder();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          out.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i))
              .append('\n');
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}

package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The little JDBC plumbing the stores share: transactions, parameters, timestamps. */
final class Jdbc {
  static final String UNIQUE_VIOLATION = "23505";
  /**
   * The database's clock plus a number of milliseconds given as the next parameter: leases use
   * the one clock all instances share. The same SQL on H2 and PostgreSQL.
   */
  static final String DB_NOW_PLUS_MILLIS =
      "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '0.001' SECOND";

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException("database call", e);
    }
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    return inTransaction(connection -> query(connection, sql, mapper, parameters));
  }

  <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
    return query(sql, mapper, parameters).stream().findFirst();
  }

  int update(String sql, Object... parameters) {
    return inTransaction(connection -> update(connection, sql, parameters));
  }

  static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper,
      Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof Instant instant) {
        value = instant.atOffset(ZoneOffset.UTC);
      }
      statement.setObject(i + 1, value);
    }
    return statement;
  }

  static int millis(java.time.Duration duration) {
    return Math.toIntExact(duration.toMillis());
  }

  static boolean isUniqueViolation(RuntimeException e) {
    return e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}

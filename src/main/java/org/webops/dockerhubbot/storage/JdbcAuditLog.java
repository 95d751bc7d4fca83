package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;

/** The audit trail in table {@code audit_events}. */
public final class JdbcAuditLog implements AuditLog {
  private static final String INSERT =
      "INSERT INTO audit_events (request_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)";

  private final Jdbc jdbc;

  public JdbcAuditLog(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void record(AuditEvent event) {
    jdbc.inTransaction(connection -> {
      insert(connection, event);
      return null;
    });
  }

  /** Writes the row inside a caller's transaction, so a state change and its audit row commit together. */
  static void insert(Connection connection, AuditEvent event) throws SQLException {
    Jdbc.update(connection, INSERT, event.requestId(), event.actor(), event.action(),
        truncate(event.detail()), event.at());
  }

  @Override
  public List<AuditEvent> forRequest(long requestId) {
    return jdbc.query(
        "SELECT request_id, actor, action, detail, at FROM audit_events WHERE request_id = ? ORDER BY at, id",
        row -> new AuditEvent(row.getLong("request_id"), row.getString("actor"),
            row.getString("action"), row.getString("detail"), Jdbc.instant(row, "at")),
        requestId);
  }

  private static String truncate(String detail) {
    return detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
  }
}

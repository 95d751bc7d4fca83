package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.audit.AuditTrail;

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
        JdbcAuditLog::event, requestId);
  }

  @Override
  public AuditTrail recent(long requestId, int limit) {
    // One read: the window counts every row of the request before LIMIT cuts the newest off.
    List<Counted> newest = jdbc.query("SELECT request_id, actor, action, detail, at,"
            + " COUNT(*) OVER () AS total FROM audit_events WHERE request_id = ?"
            + " ORDER BY at DESC, id DESC LIMIT " + Math.max(1, limit),
        row -> new Counted(event(row), row.getInt("total")), requestId);
    List<AuditEvent> latest = new ArrayList<>(newest.stream().map(Counted::event).toList());
    Collections.reverse(latest);
    return new AuditTrail(latest, newest.isEmpty() ? 0 : newest.get(0).total());
  }

  private record Counted(AuditEvent event, int total) {}

  private static AuditEvent event(ResultSet row) throws SQLException {
    return new AuditEvent(row.getLong("request_id"), row.getString("actor"),
        row.getString("action"), row.getString("detail"), Jdbc.instant(row, "at"));
  }

  private static String truncate(String detail) {
    return detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
  }
}

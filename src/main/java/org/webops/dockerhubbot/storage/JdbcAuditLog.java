package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;

/** {@link AuditLog} in the {@code audit_events} table; append-only. */
public final class JdbcAuditLog implements AuditLog {
  private static final int ACTOR_MAX = 32;
  private static final int ACTION_MAX = 40;
  private static final int DETAIL_MAX = 2000;

  private final DataSource dataSource;

  public JdbcAuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void record(AuditEvent event) {
    String sql =
        "INSERT INTO audit_events (request_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (event.requestId() == null) {
        ps.setNull(1, Types.BIGINT);
      } else {
        ps.setLong(1, event.requestId());
      }
      ps.setString(2, cut(event.actor(), ACTOR_MAX));
      ps.setString(3, cut(event.action(), ACTION_MAX));
      ps.setString(4, cut(event.detail(), DETAIL_MAX));
      ps.setObject(5, JdbcSecretLinkStore.odt(event.at()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("record audit event", e);
    }
  }

  @Override
  public List<AuditEvent> forRequest(long requestId) {
    String sql =
        "SELECT request_id, actor, action, detail, at FROM audit_events WHERE request_id = ?"
            + " ORDER BY at, id";
    List<AuditEvent> events = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, requestId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(
              new AuditEvent(
                  rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                  JdbcSecretLinkStore.instant(rs, 5)));
        }
      }
    } catch (SQLException e) {
      throw new StorageException("read audit events", e);
    }
    return events;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}

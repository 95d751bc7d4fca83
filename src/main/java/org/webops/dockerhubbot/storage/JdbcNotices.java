package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.NoticeEvent;
import org.webops.dockerhubbot.notices.NoticeStore;
import org.webops.dockerhubbot.notices.PendingNotice;
import org.webops.dockerhubbot.notices.Prewritten;

/** The outbox in table {@code outbox}. */
public final class JdbcNotices implements NoticeStore {
  private final Jdbc jdbc;

  public JdbcNotices(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Writes notices inside a caller's transaction, so that they commit with its state change. */
  static void insert(Connection connection, List<Notice> notices, Instant at) throws SQLException {
    for (Notice notice : notices) {
      Jdbc.update(connection, "INSERT INTO outbox (request_id, audience, body, event, created_at,"
              + " next_attempt_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
          notice.aboutARequest() ? notice.requestId() : null, notice.audience().name(),
          notice.event().getClass().getSimpleName(), StoredJson.write(notice.event()), at);
    }
  }

  @Override
  public void add(List<Notice> notices) {
    jdbc.inTransaction(connection -> {
      insert(connection, notices, Instant.now());
      return null;
    });
  }

  private static NoticeEvent event(ResultSet row) throws SQLException {
    String event = row.getString("event");
    return event == null ? new Prewritten(row.getString("body")) : StoredJson.event(event);
  }

  @Override
  public List<PendingNotice> claim(String owner, Duration leaseFor, int limit) {
    List<PendingNotice> candidates = jdbc.query("SELECT o.id, o.request_id, o.audience, o.body,"
            + " o.event, o.attempts FROM outbox o WHERE o.delivered_at IS NULL"
            + " AND o.next_attempt_at <= CURRENT_TIMESTAMP"
            + " AND (o.lease_until IS NULL OR o.lease_until < CURRENT_TIMESTAMP)"
            + " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE (e.request_id = o.request_id"
            + " OR e.request_id IS NULL AND o.request_id IS NULL)"
            + " AND e.delivered_at IS NULL AND e.id < o.id)"
            + " ORDER BY o.id LIMIT " + Math.max(1, limit),
        row -> new PendingNotice(row.getLong("id"), new Notice(row.getLong("request_id"),
            Notice.Audience.valueOf(row.getString("audience")), event(row)),
            row.getInt("attempts")));
    List<PendingNotice> claimed = new ArrayList<>();
    for (PendingNotice candidate : candidates) {
      // Counting the attempt before the send commits is what lets a later delivery know that
      // this one may have reached Slack.
      int won = jdbc.update("UPDATE outbox SET lease_owner = ?, lease_until = "
              + Jdbc.DB_NOW_PLUS_MILLIS + ", attempts = attempts + 1 WHERE id = ?"
              + " AND delivered_at IS NULL AND attempts = ?"
              + " AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)",
          owner, Jdbc.millis(leaseFor), candidate.id(), candidate.earlierTries());
      if (won == 1) {
        claimed.add(candidate);
      }
    }
    return claimed;
  }

  @Override
  public void delivered(long id, String owner) {
    jdbc.update("UPDATE outbox SET delivered_at = CURRENT_TIMESTAMP, lease_owner = NULL,"
        + " lease_until = NULL WHERE id = ? AND delivered_at IS NULL", id);
  }

  @Override
  public void retryLater(long id, String owner, Duration retryIn) {
    jdbc.update("UPDATE outbox SET lease_owner = NULL, lease_until = NULL, next_attempt_at = "
            + Jdbc.DB_NOW_PLUS_MILLIS + " WHERE id = ? AND lease_owner = ? AND delivered_at IS NULL",
        Jdbc.millis(retryIn), id, owner);
  }

  @Override
  public void releaseAll() {
    jdbc.update("UPDATE outbox SET lease_owner = NULL, lease_until = NULL"
        + " WHERE lease_until IS NOT NULL");
  }

  @Override
  public int purgeDelivered(Duration age) {
    return jdbc.update("DELETE FROM outbox WHERE delivered_at < " + Jdbc.DB_NOW_PLUS_MILLIS,
        -Jdbc.millis(age));
  }
}

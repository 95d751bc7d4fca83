package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.RequestMoved;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * The one statement that writes a request's state: a {@link Transition} applied as a
 * compare-and-set from its starting states, with its audit row and its notices, inside the
 * caller's transaction (a plain one, or a run's fenced one).
 */
final class JdbcTransitions {
  private JdbcTransitions() {}

  /**
   * @param atProgress only if the request's progress counter is still this (a Retry names the
   *     failure it saw)
   * @return whether this caller made the move; nothing is written otherwise
   */
  static boolean apply(Connection connection, long id, Transition transition, Move move,
      OptionalInt atProgress) throws SQLException {
    boolean releases = !transition.to().holdsPipeline();
    List<Object> values = new ArrayList<>(List.of(transition.to().name(), move.at()));
    StringBuilder sql = new StringBuilder("UPDATE requests SET state = ?, updated_at = ?");
    if (transition.decides()) {
      sql.append(", decided_by = ?, decided_at = ?, decision_note = ?");
      values.add(move.by());
      values.add(move.at());
      values.add(move.note().isEmpty() ? null : move.note());
    }
    if (releases) {
      sql.append(", active_pipeline = NULL, active_project = NULL");
    }
    sql.append(" WHERE id = ? AND state IN (")
        .append(String.join(", ", transition.from().stream().map(s -> "?").toList()))
        .append(')');
    values.add(id);
    transition.from().forEach(from -> values.add(from.name()));
    if (atProgress.isPresent()) {
      sql.append(" AND progress = ?");
      values.add(atProgress.getAsInt());
    }
    if (Jdbc.update(connection, sql.toString(), values.toArray()) != 1) {
      return false;
    }
    if (releases) {
      Jdbc.update(connection, "DELETE FROM variable_claims WHERE request_id = ?", id);
    }
    if (transition.cancelsOpenOperations()) {
      Jdbc.update(connection, "UPDATE operations SET status = 'CANCELLED', open_request = NULL,"
          + " finished_at = ? WHERE open_request = ?", move.at(), id);
    }
    if (transition.opens().isPresent()) {
      // The unique index on open_request refuses a second open operation: the move rolls back.
      Jdbc.update(connection, "INSERT INTO operations (request_id, kind, status, open_request,"
              + " started_by, created_at, link_to, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id,
          transition.opens().get().name(), "OPEN", id, move.by(), move.at(),
          move.linkTo().orElse(null), move.note().isEmpty() ? null : move.note());
    }
    JdbcAuditLog.insert(connection, new AuditEvent(id, move.by(), transition.auditAction(),
        move.detail(), move.at()));
    List<Notice> notices = new ArrayList<>();
    for (Notice.Audience audience : transition.tells()) {
      notices.add(new Notice(id, audience, new RequestMoved(transition, move.by(), move.note())));
    }
    notices.addAll(move.alsoTells());
    JdbcNotices.insert(connection, notices, move.at());
    return true;
  }
}

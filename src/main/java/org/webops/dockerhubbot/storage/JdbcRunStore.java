package org.webops.dockerhubbot.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.RunLease;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.provisioning.Wait;
import org.webops.dockerhubbot.provisioning.WaitFor;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.Transition;

/** Operations in {@code operations} and {@code operation_steps}. */
public final class JdbcRunStore implements RunStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> FACTS = new TypeReference<>() {};
  private static final String OPERATION = "SELECT id, request_id, kind, status, started_by,"
      + " created_at, link_to, note FROM operations";

  private final Jdbc jdbc;

  public JdbcRunStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<Operation> operation(long operationId) {
    return jdbc.queryOne(OPERATION + " WHERE id = ?", JdbcRunStore::operation, operationId);
  }

  @Override
  public Optional<Operation> latest(long requestId) {
    return jdbc.queryOne(OPERATION + " WHERE request_id = ? ORDER BY id DESC LIMIT 1",
        JdbcRunStore::operation, requestId);
  }

  @Override
  public Snapshot snapshot(long operationId) {
    return jdbc.inTransaction(connection -> {
      Optional<Operation> operation = Jdbc.query(connection, OPERATION + " WHERE id = ?",
          JdbcRunStore::operation, operationId).stream().findFirst();
      return snapshot(connection, operation);
    });
  }

  @Override
  public Snapshot ofRequest(long requestId) {
    return jdbc.inTransaction(connection -> {
      Optional<Operation> operation = Jdbc.query(connection, OPERATION
          + " WHERE request_id = ? ORDER BY id DESC LIMIT 1", JdbcRunStore::operation, requestId)
          .stream().findFirst();
      if (operation.isEmpty()) {
        int progress = Jdbc.query(connection, "SELECT progress FROM requests WHERE id = ?",
            row -> row.getInt(1), requestId).stream().findFirst().orElse(0);
        return new Snapshot(Optional.empty(), List.of(), progress, Optional.empty());
      }
      return snapshot(connection, operation);
    });
  }

  private static Snapshot snapshot(Connection connection, Optional<Operation> operation)
      throws SQLException {
    if (operation.isEmpty()) {
      return new Snapshot(Optional.empty(), List.of(), 0, Optional.empty());
    }
    long id = operation.get().id();
    List<StepRecord> steps = Jdbc.query(connection, "SELECT step, status, detail, facts,"
        + " updated_at FROM operation_steps WHERE operation_id = ?", JdbcRunStore::step, id);
    return Jdbc.query(connection, "SELECT r.progress, o.polls, o.waiting_for, o.wake_at"
            + " FROM operations o JOIN requests r ON r.id = o.request_id WHERE o.id = ?",
        row -> new Snapshot(operation, steps, row.getInt("progress"), wait(row)), id)
        .stream().findFirst().orElseThrow();
  }

  private static Operation operation(ResultSet row) throws SQLException {
    return new Operation(row.getLong("id"), row.getLong("request_id"),
        OperationKind.valueOf(row.getString("kind")),
        Operation.Status.valueOf(row.getString("status")), row.getString("started_by"),
        Jdbc.instant(row, "created_at"), Optional.ofNullable(row.getString("link_to")),
        Optional.ofNullable(row.getString("note")).orElse(""));
  }

  private static Optional<Wait> wait(ResultSet row) throws SQLException {
    String waitingFor = row.getString("waiting_for");
    return waitingFor == null ? Optional.empty() : Optional.of(new Wait(
        WaitFor.valueOf(waitingFor), Optional.ofNullable(Jdbc.instant(row, "wake_at")),
        row.getInt("polls")));
  }

  @Override
  public boolean lease(long operationId, String owner, Duration length) {
    return jdbc.update("UPDATE operations SET run_owner = ?, run_lease_until = "
        + Jdbc.DB_NOW_PLUS_MILLIS + " WHERE id = ?"
        + " AND (run_lease_until IS NULL OR run_lease_until < CURRENT_TIMESTAMP)",
        owner, Jdbc.millis(length), operationId) == 1;
  }

  @Override
  public boolean renew(long operationId, String owner, Duration length) {
    return jdbc.update("UPDATE operations SET run_lease_until = " + Jdbc.DB_NOW_PLUS_MILLIS
        + " WHERE id = ? AND run_owner = ? AND run_lease_until >= CURRENT_TIMESTAMP",
        Jdbc.millis(length), operationId, owner) == 1;
  }

  @Override
  public void release(long operationId, String owner) {
    jdbc.update("UPDATE operations SET run_lease_until = NULL, run_owner = NULL WHERE id = ?"
        + " AND run_owner = ?", operationId, owner);
  }

  @Override
  public void releaseAll() {
    jdbc.update("UPDATE operations SET run_lease_until = NULL, run_owner = NULL"
        + " WHERE run_lease_until IS NOT NULL");
  }

  @Override
  public void record(RunLease lease, StepRecord record, List<Notice> notices) {
    fenced(lease, connection -> {
      store(connection, lease.operationId(), record);
      Jdbc.update(connection, "UPDATE operations SET waiting_for = NULL, wake_at = NULL,"
          + " polls = 0 WHERE id = ? AND waiting_for IS NOT NULL", lease.operationId());
      JdbcNotices.insert(connection, notices, record.at());
    });
  }

  @Override
  public void park(RunLease lease, StepRecord record, Wait wait, List<Notice> notices) {
    fenced(lease, connection -> {
      store(connection, lease.operationId(), record);
      Jdbc.update(connection, "UPDATE operations SET waiting_for = ?, wake_at = ?, polls = ?"
              + " WHERE id = ?", wait.waitFor().name(), wait.wakeAt().orElse(null), wait.polls(),
          lease.operationId());
      JdbcNotices.insert(connection, notices, record.at());
    });
  }

  private static void store(Connection connection, long operationId, StepRecord record)
      throws SQLException {
    Object[] values = {record.status().name(), StoredJson.write(record.detail()),
        facts(record.facts()), record.at(), operationId, record.step().name()};
    int changed = Jdbc.update(connection, "UPDATE operation_steps SET status = ?, detail = ?,"
        + " facts = ?, updated_at = ? WHERE operation_id = ? AND step = ?", values);
    if (changed == 0) {
      Jdbc.update(connection, "INSERT INTO operation_steps (status, detail, facts, updated_at,"
          + " operation_id, step) VALUES (?, ?, ?, ?, ?, ?)", values);
    }
  }

  @Override
  public void reset(RunLease lease, Collection<StepId> steps, List<Notice> notices) {
    fenced(lease, connection -> {
      for (StepId step : steps) {
        Jdbc.update(connection, "DELETE FROM operation_steps WHERE operation_id = ? AND step = ?",
            lease.operationId(), step.name());
      }
      JdbcNotices.insert(connection, notices, Instant.now());
    });
  }

  @Override
  public boolean apply(RunLease lease, Transition transition, Move move) {
    return fencedAnswer(lease, connection -> JdbcTransitions.apply(connection, lease.requestId(),
        transition, move, OptionalInt.empty()));
  }

  @Override
  public boolean retry(RunLease lease, int progress, Optional<Transition> transition, Move move) {
    return fencedAnswer(lease, connection -> {
      if (transition.isPresent()) {
        if (!JdbcTransitions.apply(connection, lease.requestId(), transition.get(), move,
            OptionalInt.of(progress))) {
          return false;
        }
      } else if (Jdbc.query(connection, "SELECT id FROM requests WHERE id = ? AND progress = ?",
          row -> row.getLong(1), lease.requestId(), progress).isEmpty()) {
        return false;
      } else {
        JdbcAuditLog.insert(connection, new AuditEvent(lease.requestId(), move.by(), "RETRY",
            move.detail(), move.at()));
      }
      return Jdbc.update(connection, "UPDATE operations SET status = ?,"
              + " open_request = request_id WHERE id = ? AND status = ?",
          Operation.Status.OPEN.name(), lease.operationId(), Operation.Status.FAILED.name()) == 1;
    });
  }

  @Override
  public void fail(RunLease lease, StepRecord failed, Optional<Transition> transition, Move move) {
    fenced(lease, connection -> {
      store(connection, lease.operationId(), failed);
      Jdbc.update(connection, "UPDATE operations SET status = ?, waiting_for = NULL,"
              + " wake_at = NULL, polls = 0 WHERE id = ?", Operation.Status.FAILED.name(),
          lease.operationId());
      if (transition.isPresent()) {
        JdbcTransitions.apply(connection, lease.requestId(), transition.get(), move,
            OptionalInt.empty());
      } else {
        JdbcAuditLog.insert(connection, new AuditEvent(lease.requestId(), move.by(),
            "STEP_FAILED", move.detail(), move.at()));
        JdbcNotices.insert(connection, move.alsoTells(), move.at());
      }
    });
  }

  @Override
  public boolean finish(RunLease lease, Transition transition, Move move) {
    return fencedAnswer(lease, connection -> {
      Jdbc.update(connection, "UPDATE operations SET status = ?, open_request = NULL,"
              + " finished_at = ? WHERE id = ?", Operation.Status.DONE.name(), move.at(),
          lease.operationId());
      boolean moved = JdbcTransitions.apply(connection, lease.requestId(), transition, move,
          OptionalInt.empty());
      // The token this operation made is now the credential's: its expiry is the credential's.
      Jdbc.update(connection, "UPDATE requests SET expires_at = COALESCE((SELECT MAX(t.expires_at)"
          + " FROM credential_tokens t WHERE t.operation_id = ? AND t.state = 'LIVE'),"
          + " expires_at), rotated_at = CASE WHEN ? THEN ? ELSE rotated_at END WHERE id = ?",
          lease.operationId(), transition == Transition.ROTATED, move.at(), lease.requestId());
      bumpProgress(connection, lease);
      return moved;
    });
  }

  @Override
  public void note(RunLease lease, AuditEvent audit, List<Notice> notices) {
    fencedAnswer(lease, connection -> {
      JdbcAuditLog.insert(connection, audit);
      JdbcNotices.insert(connection, notices, audit.at());
      return null;
    });
  }

  @FunctionalInterface
  private interface Write {
    void run(Connection connection) throws SQLException;
  }

  /** A run write: only while the lease is held; bumps the progress counter the card shows. */
  private void fenced(RunLease lease, Write write) {
    fencedAnswer(lease, connection -> {
      write.run(connection);
      bumpProgress(connection, lease);
      return null;
    });
  }

  private static void bumpProgress(Connection connection, RunLease lease) throws SQLException {
    Jdbc.update(connection, "UPDATE requests SET progress = progress + 1 WHERE id = ?",
        lease.requestId());
  }

  private <T> T fencedAnswer(RunLease lease, Jdbc.Work<T> work) {
    return jdbc.inTransaction(connection -> {
      Fencing.requireLease(connection, lease);
      return work.run(connection);
    });
  }

  @Override
  public boolean othersHeld(long requestId, long operationId) {
    return !jdbc.query("SELECT id FROM operations WHERE request_id = ? AND id <> ?"
            + " AND run_lease_until >= CURRENT_TIMESTAMP", row -> row.getLong(1), requestId,
        operationId).isEmpty();
  }

  @Override
  public List<Long> due(Instant now, int limit) {
    return jdbc.query("SELECT id FROM operations WHERE status = ?"
        + " AND (run_lease_until IS NULL OR run_lease_until < CURRENT_TIMESTAMP)"
        + " AND (waiting_for IS NULL OR (waiting_for = ? AND wake_at <= ?))"
        + " ORDER BY id LIMIT " + Math.max(1, limit), row -> row.getLong(1),
        Operation.Status.OPEN.name(), WaitFor.POLL.name(), now);
  }

  private static StepRecord step(ResultSet row) throws SQLException {
    return new StepRecord(StepId.valueOf(row.getString("step")),
        StepStatus.valueOf(row.getString("status")), StoredJson.prose(row.getString("detail")),
        parse(row.getString("facts")), Jdbc.instant(row, "updated_at"));
  }

  private static String facts(Map<String, String> facts) {
    try {
      return JSON.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("facts are plain strings", e);
    }
  }

  static Map<String, String> parse(String facts) {
    if (facts == null || facts.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(facts, FACTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable step facts", e);
    }
  }
}

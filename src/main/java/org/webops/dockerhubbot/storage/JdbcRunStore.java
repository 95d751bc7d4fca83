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
import org.webops.dockerhubbot.provisioning.RunLease;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.provisioning.Wait;
import org.webops.dockerhubbot.provisioning.WaitFor;
import org.webops.dockerhubbot.workflow.RequestState;

/** Run state in {@code run_steps}, {@code docker_ids} and the run columns of {@code requests}. */
public final class JdbcRunStore implements RunStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> FACTS = new TypeReference<>() {};

  private final Jdbc jdbc;

  public JdbcRunStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Snapshot snapshot(long requestId) {
    return jdbc.inTransaction(connection -> {
      List<StepRecord> steps = Jdbc.query(connection,
          "SELECT step, status, detail, facts, updated_at FROM run_steps WHERE request_id = ?",
          JdbcRunStore::step, requestId);
      return Jdbc.query(connection,
          "SELECT progress, polls, waiting_for, wake_at FROM requests WHERE id = ?",
          row -> new Snapshot(steps, row.getInt("progress"), wait(row)), requestId)
          .stream().findFirst().orElse(new Snapshot(steps, 0, Optional.empty()));
    });
  }

  private static Optional<Wait> wait(ResultSet row) throws SQLException {
    String waitingFor = row.getString("waiting_for");
    return waitingFor == null ? Optional.empty() : Optional.of(new Wait(
        WaitFor.valueOf(waitingFor), Optional.ofNullable(Jdbc.instant(row, "wake_at")),
        row.getInt("polls")));
  }

  @Override
  public boolean lease(long requestId, String owner, Duration length) {
    return jdbc.update("UPDATE requests SET run_owner = ?, run_lease_until = "
        + Jdbc.DB_NOW_PLUS_MILLIS + " WHERE id = ?"
        + " AND (run_lease_until IS NULL OR run_lease_until < CURRENT_TIMESTAMP)",
        owner, Jdbc.millis(length), requestId) == 1;
  }

  @Override
  public boolean renew(long requestId, String owner, Duration length) {
    return jdbc.update("UPDATE requests SET run_lease_until = " + Jdbc.DB_NOW_PLUS_MILLIS
        + " WHERE id = ? AND run_owner = ? AND run_lease_until >= CURRENT_TIMESTAMP",
        Jdbc.millis(length), requestId, owner) == 1;
  }

  @Override
  public void release(long requestId, String owner) {
    jdbc.update("UPDATE requests SET run_lease_until = NULL, run_owner = NULL WHERE id = ?"
        + " AND run_owner = ?", requestId, owner);
  }

  @Override
  public void releaseAll() {
    jdbc.update("UPDATE requests SET run_lease_until = NULL, run_owner = NULL"
        + " WHERE run_lease_until IS NOT NULL");
  }

  @Override
  public void record(RunLease lease, StepRecord record, List<Notice> notices) {
    fenced(lease, connection -> {
      store(connection, lease.requestId(), record);
      Jdbc.update(connection, "UPDATE requests SET waiting_for = NULL, wake_at = NULL,"
          + " polls = 0 WHERE id = ? AND waiting_for IS NOT NULL", lease.requestId());
      JdbcNotices.insert(connection, notices, record.at());
    });
  }

  @Override
  public void park(RunLease lease, StepRecord record, Wait wait, List<Notice> notices) {
    fenced(lease, connection -> {
      store(connection, lease.requestId(), record);
      Jdbc.update(connection, "UPDATE requests SET waiting_for = ?, wake_at = ?, polls = ?"
              + " WHERE id = ?", wait.waitFor().name(), wait.wakeAt().orElse(null), wait.polls(),
          lease.requestId());
      JdbcNotices.insert(connection, notices, record.at());
    });
  }

  private static void store(Connection connection, long requestId, StepRecord record)
      throws SQLException {
    Object[] values = {record.status().name(), record.detail(), facts(record.facts()),
        record.at(), requestId, record.step().name()};
    int changed = Jdbc.update(connection, "UPDATE run_steps SET status = ?, detail = ?,"
        + " facts = ?, updated_at = ? WHERE request_id = ? AND step = ?", values);
    if (changed == 0) {
      Jdbc.update(connection, "INSERT INTO run_steps (status, detail, facts, updated_at,"
          + " request_id, step) VALUES (?, ?, ?, ?, ?, ?)", values);
    }
  }

  @Override
  public void reset(RunLease lease, Collection<StepId> steps, List<Notice> notices) {
    fenced(lease, connection -> {
      for (StepId step : steps) {
        Jdbc.update(connection, "DELETE FROM run_steps WHERE request_id = ? AND step = ?",
            lease.requestId(), step.name());
      }
      JdbcNotices.insert(connection, notices, Instant.now());
    });
  }

  @Override
  public boolean advance(RunLease lease, RequestState from, RequestState to, AuditEvent audit,
      List<Notice> notices) {
    return fencedAnswer(lease, connection -> {
      boolean changed = JdbcRequestRepository.setState(connection, lease.requestId(), from, to,
          audit.at(), Optional.empty(), OptionalInt.empty());
      if (changed) {
        JdbcAuditLog.insert(connection, audit);
        JdbcNotices.insert(connection, notices, audit.at());
      }
      return changed;
    });
  }

  @Override
  public boolean retry(RunLease lease, int progress, AuditEvent audit) {
    return fencedAnswer(lease, connection -> {
      boolean changed = JdbcRequestRepository.setState(connection, lease.requestId(),
          RequestState.FAILED, RequestState.IN_PROGRESS, audit.at(), Optional.empty(),
          OptionalInt.of(progress));
      if (changed) {
        JdbcAuditLog.insert(connection, audit);
      }
      return changed;
    });
  }

  @Override
  public void fail(RunLease lease, StepRecord failed, AuditEvent audit, List<Notice> notices) {
    fenced(lease, connection -> {
      store(connection, lease.requestId(), failed);
      Jdbc.update(connection, "UPDATE requests SET waiting_for = NULL, wake_at = NULL, polls = 0"
          + " WHERE id = ?", lease.requestId());
      if (JdbcRequestRepository.setState(connection, lease.requestId(), RequestState.IN_PROGRESS,
          RequestState.FAILED, audit.at(), Optional.empty(), OptionalInt.empty())) {
        JdbcAuditLog.insert(connection, audit);
        JdbcNotices.insert(connection, notices, audit.at());
      }
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
      Jdbc.update(connection, "UPDATE requests SET progress = progress + 1 WHERE id = ?",
          lease.requestId());
      return null;
    });
  }

  private <T> T fencedAnswer(RunLease lease, Jdbc.Work<T> work) {
    return jdbc.inTransaction(connection -> {
      Fencing.requireLease(connection, lease);
      return work.run(connection);
    });
  }

  @Override
  public List<Long> due(Instant now, int limit) {
    return jdbc.query("SELECT id FROM requests WHERE state IN (?, ?)"
        + " AND (run_lease_until IS NULL OR run_lease_until < CURRENT_TIMESTAMP)"
        + " AND (waiting_for IS NULL OR (waiting_for = ? AND wake_at <= ?))"
        + " ORDER BY id LIMIT " + Math.max(1, limit), row -> row.getLong(1),
        RequestState.APPROVED.name(), RequestState.IN_PROGRESS.name(), WaitFor.POLL.name(), now);
  }

  @Override
  public boolean reserveDockerId(String dockerId, long requestId) {
    try {
      jdbc.update("INSERT INTO docker_ids (docker_id, request_id) VALUES (?, ?)", dockerId,
          requestId);
      return true;
    } catch (StorageException e) {
      if (Jdbc.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<String> dockerIdOf(long requestId) {
    return jdbc.queryOne("SELECT docker_id FROM docker_ids WHERE request_id = ?",
        row -> row.getString(1), requestId);
  }

  @Override
  public void cardShows(long requestId, RequestState state, int progress) {
    jdbc.update("UPDATE requests SET card_state = ?, card_progress = ? WHERE id = ?",
        state.name(), progress, requestId);
  }

  private static StepRecord step(ResultSet row) throws SQLException {
    return new StepRecord(StepId.valueOf(row.getString("step")),
        StepStatus.valueOf(row.getString("status")), row.getString("detail"),
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

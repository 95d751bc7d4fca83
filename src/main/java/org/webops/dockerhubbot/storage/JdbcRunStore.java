package org.webops.dockerhubbot.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
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
      return Jdbc.query(connection, "SELECT progress, polls FROM requests WHERE id = ?",
          row -> new Snapshot(steps, row.getInt("progress"), row.getInt("polls")), requestId)
          .stream().findFirst().orElse(new Snapshot(steps, 0, 0));
    });
  }

  @Override
  public void record(long requestId, StepRecord record) {
    jdbc.inTransaction(connection -> {
      Object[] values = {record.status().name(), record.detail(), facts(record.facts()),
          record.at(), requestId, record.step().name()};
      int changed = Jdbc.update(connection, "UPDATE run_steps SET status = ?, detail = ?,"
          + " facts = ?, updated_at = ? WHERE request_id = ? AND step = ?", values);
      if (changed == 0) {
        Jdbc.update(connection, "INSERT INTO run_steps (status, detail, facts, updated_at,"
            + " request_id, step) VALUES (?, ?, ?, ?, ?, ?)", values);
      }
      bump(connection, requestId);
      return null;
    });
  }

  @Override
  public void reset(long requestId, Collection<StepId> steps) {
    jdbc.inTransaction(connection -> {
      for (StepId step : steps) {
        Jdbc.update(connection, "DELETE FROM run_steps WHERE request_id = ? AND step = ?",
            requestId, step.name());
      }
      bump(connection, requestId);
      return null;
    });
  }

  private static void bump(java.sql.Connection connection, long requestId) throws SQLException {
    Jdbc.update(connection, "UPDATE requests SET progress = progress + 1 WHERE id = ?", requestId);
  }

  @Override
  public boolean lease(long requestId, String runId, Instant now, Instant until) {
    return jdbc.update("UPDATE requests SET run_owner = ?, run_lease_until = ? WHERE id = ?"
        + " AND (run_lease_until IS NULL OR run_lease_until < ?)", runId, until, requestId, now) == 1;
  }

  @Override
  public boolean renew(long requestId, String runId, Instant until) {
    return jdbc.update("UPDATE requests SET run_lease_until = ? WHERE id = ? AND run_owner = ?"
        + " AND run_lease_until IS NOT NULL", until, requestId, runId) == 1;
  }

  @Override
  public void release(long requestId, String runId) {
    jdbc.update("UPDATE requests SET run_lease_until = NULL, run_owner = NULL WHERE id = ?"
        + " AND run_owner = ?", requestId, runId);
  }

  @Override
  public void releaseAll() {
    jdbc.update("UPDATE requests SET run_lease_until = NULL, run_owner = NULL"
        + " WHERE run_lease_until IS NOT NULL");
  }

  @Override
  public void waiting(long requestId, Optional<WaitFor> waitFor, Optional<Instant> wakeAt,
      int polls) {
    jdbc.update("UPDATE requests SET waiting_for = ?, wake_at = ?, polls = ? WHERE id = ?",
        waitFor.map(Enum::name).orElse(null), wakeAt.orElse(null), polls, requestId);
  }

  @Override
  public List<Long> due(Instant now, int limit) {
    return jdbc.query("SELECT id FROM requests WHERE state IN (?, ?)"
        + " AND (run_lease_until IS NULL OR run_lease_until < ?)"
        + " AND (waiting_for IS NULL OR (waiting_for = ? AND wake_at <= ?))"
        + " ORDER BY id LIMIT " + Math.max(1, limit), row -> row.getLong(1),
        RequestState.APPROVED.name(), RequestState.IN_PROGRESS.name(), now, WaitFor.POLL.name(),
        now);
  }

  @Override
  public boolean advance(long requestId, RequestState from, RequestState to, AuditEvent audit) {
    return jdbc.inTransaction(connection -> {
      int changed = Jdbc.update(connection, "UPDATE requests SET state = ?, updated_at = ?"
          + (to.holdsPipeline() ? "" : ", active_pipeline = NULL")
          + " WHERE id = ? AND state = ?", to.name(), audit.at(), requestId, from.name());
      if (changed == 1) {
        JdbcAuditLog.insert(connection, audit);
      }
      return changed == 1;
    });
  }

  @Override
  public boolean reserveDockerId(String dockerId, long requestId) {
    try {
      jdbc.update("INSERT INTO docker_ids (docker_id, request_id) VALUES (?, ?)", dockerId,
          requestId);
      return true;
    } catch (StorageException e) {
      if (e.getCause() instanceof SQLException sql
          && Jdbc.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
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

  private static Map<String, String> parse(String facts) {
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

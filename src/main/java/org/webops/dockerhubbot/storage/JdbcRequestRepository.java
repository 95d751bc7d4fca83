package org.webops.dockerhubbot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.PipelineKey;
import org.webops.dockerhubbot.workflow.ProjectIds;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;
import org.webops.dockerhubbot.workflow.VariableClaim;

/** Requests in table {@code requests}; the same SQL runs on H2 and PostgreSQL. */
public final class JdbcRequestRepository implements RequestRepository {
  private static final String COLUMNS = "id, pipeline, requester, origin_channel, kind, scope,"
      + " repositories, circleci_context, user_variable, token_variable, lifetime_days, reason,"
      + " dry_run, state, decided_by, decided_at, decision_note, card_channel, card_ts, created_at,"
      + " project_id, circleci_org_id";

  private final Jdbc jdbc;

  public JdbcRequestRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public ProvisioningRequest create(NewRequest request) {
    Instant createdAt = request.now().truncatedTo(ChronoUnit.MICROS); // what both databases keep
    RequestSpec spec = request.spec();
    Optional<String> projectId = request.project().map(ProjectIds::projectId);
    try {
      long id = jdbc.inTransaction(connection -> {
        long newId;
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO requests (pipeline, active_pipeline, requester, origin_channel, kind,"
                + " scope, repositories, circleci_context, user_variable, token_variable,"
                + " lifetime_days, reason, dry_run, state, card_lease_until, created_at,"
                + " updated_at, project_id, circleci_org_id, active_project)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
          Object[] values = {spec.pipeline(), PipelineKey.of(spec.pipeline()),
              request.requester(), request.originChannel().orElse(null), spec.kind().name(),
              spec.scope().name(), String.join("\n", spec.repositories()),
              spec.circleciContext().orElse(null), spec.userVariable(), spec.tokenVariable(),
              spec.lifetimeDays(), spec.reason(), request.dryRun(),
              RequestState.PENDING_APPROVAL.name(), timestamp(createdAt.plus(CARD_LEASE)),
              timestamp(createdAt), timestamp(createdAt), projectId.orElse(null),
              request.project().flatMap(ProjectIds::organisationId).orElse(null),
              projectId.orElse(null)};
          for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
          }
          insert.executeUpdate();
          try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            newId = keys.getLong(1);
          }
        }
        for (VariableClaim claim : request.claims()) {
          Jdbc.update(connection, "INSERT INTO variable_claims (target, name, request_id)"
              + " VALUES (?, ?, ?)", claim.target(), claim.name(), newId);
        }
        JdbcAuditLog.insert(connection, new AuditEvent(newId, request.requester(), "REQUESTED",
            spec.kind().id() + " for " + spec.pipeline(), createdAt));
        JdbcNotices.insert(connection, request.notices().apply(newId), createdAt);
        return newId;
      });
      return new ProvisioningRequest(id, request.requester(), request.originChannel(), spec,
          request.dryRun(), RequestState.PENDING_APPROVAL, Optional.empty(), Optional.empty(),
          createdAt, request.project());
    } catch (StorageException e) {
      if (!Jdbc.isUniqueViolation(e)) {
        throw e;
      }
      // Which rule refused it: the project's live request, or a context's variables.
      if (findLive(spec.pipeline(), projectId).isEmpty()
          && claimant(request.claims()).isPresent()) {
        throw new VariablesTakenException();
      }
      throw new PipelineTakenException(spec.pipeline());
    }
  }

  @Override
  public Optional<ProvisioningRequest> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM requests WHERE id = ?", this::map, id);
  }

  @Override
  public Optional<ProvisioningRequest> findLive(String pipeline, Optional<String> projectId) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM requests WHERE active_pipeline = ?"
            + " OR active_project = ? ORDER BY id", this::map, PipelineKey.of(pipeline),
        projectId.orElse(null));
  }

  @Override
  public Optional<ProvisioningRequest> claimant(List<VariableClaim> claims) {
    for (VariableClaim claim : claims) {
      Optional<ProvisioningRequest> owner = jdbc.queryOne("SELECT " + COLUMNS
              + " FROM requests WHERE id = (SELECT request_id FROM variable_claims"
              + " WHERE target = ? AND name = ?)", this::map, claim.target(), claim.name());
      if (owner.isPresent()) {
        return owner;
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean transition(long id, RequestState from, RequestState to, Decision decision,
      AuditEvent audit, List<Notice> notices) {
    return jdbc.inTransaction(connection -> {
      boolean changed = setState(connection, id, from, to, decision.at(), Optional.of(decision),
          OptionalInt.empty());
      if (changed) {
        JdbcAuditLog.insert(connection, audit);
        JdbcNotices.insert(connection, notices, audit.at());
      }
      return changed;
    });
  }

  /**
   * The one statement that changes a request's state: a compare-and-set from {@code from},
   * optionally recording a decision and only at a given progress counter. A state that no longer
   * holds the project frees it and the request's variable claims.
   */
  static boolean setState(Connection connection, long id, RequestState from, RequestState to,
      Instant at, Optional<Decision> decision, OptionalInt progress) throws SQLException {
    boolean releases = !to.holdsPipeline();
    List<Object> values = new ArrayList<>(List.of(to.name(), at));
    StringBuilder sql = new StringBuilder("UPDATE requests SET state = ?, updated_at = ?");
    if (decision.isPresent()) {
      sql.append(", decided_by = ?, decided_at = ?, decision_note = ?");
      values.add(decision.get().by());
      values.add(decision.get().at());
      values.add(decision.get().note().orElse(null));
    }
    if (releases) {
      sql.append(", active_pipeline = NULL, active_project = NULL");
    }
    sql.append(" WHERE id = ? AND state = ?");
    values.add(id);
    values.add(from.name());
    if (progress.isPresent()) {
      sql.append(" AND progress = ?");
      values.add(progress.getAsInt());
    }
    boolean changed = Jdbc.update(connection, sql.toString(), values.toArray()) == 1;
    if (changed && releases) {
      Jdbc.update(connection, "DELETE FROM variable_claims WHERE request_id = ?", id);
    }
    return changed;
  }

  @Override
  public boolean leaseCard(long id, Instant now, Instant until) {
    return jdbc.update("UPDATE requests SET card_lease_until = ? WHERE id = ? AND card_ts IS NULL"
        + " AND (card_lease_until IS NULL OR card_lease_until < ?)", until, id, now) == 1;
  }

  @Override
  public void releaseCardLease(long id) {
    jdbc.update("UPDATE requests SET card_lease_until = NULL WHERE id = ? AND card_ts IS NULL", id);
  }

  @Override
  public void releaseCardLeases() {
    jdbc.update("UPDATE requests SET card_lease_until = NULL WHERE card_lease_until IS NOT NULL");
  }

  @Override
  public void attachCard(long id, MessageRef card, RequestState shown) {
    jdbc.update("UPDATE requests SET card_channel = ?, card_ts = ?, card_state = ?,"
        + " card_lease_until = NULL WHERE id = ?", card.channel(), card.ts(), shown.name(), id);
  }

  @Override
  public List<ProvisioningRequest> withStaleCard(int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE card_ts IS NOT NULL"
        + " AND (card_state IS NULL OR card_state <> state OR card_progress <> progress)"
        + " ORDER BY id LIMIT " + Math.max(1, limit),
        this::map);
  }

  @Override
  public List<ProvisioningRequest> withoutCard(Instant now, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE state = ? AND card_ts IS NULL"
        + " AND (card_lease_until IS NULL OR card_lease_until < ?) ORDER BY id LIMIT "
        + Math.max(1, limit), this::map, RequestState.PENDING_APPROVAL.name(), now);
  }

  @Override
  public List<ProvisioningRequest> mineOrPending(String user, int limit) {
    // Two index scans instead of one OR over the whole table.
    int n = Math.max(1, limit);
    return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE id IN ("
        + " SELECT id FROM (SELECT id FROM requests WHERE requester = ? ORDER BY id DESC LIMIT " + n
        + ") mine UNION"
        + " SELECT id FROM (SELECT id FROM requests WHERE state = ? ORDER BY id DESC LIMIT " + n
        + ") waiting) ORDER BY id DESC", this::map, user,
        RequestState.PENDING_APPROVAL.name());
  }

  private ProvisioningRequest map(ResultSet row) throws SQLException {
    String repositories = row.getString("repositories");
    RequestSpec spec = new RequestSpec(
        row.getString("pipeline"),
        CredentialKind.valueOf(row.getString("kind")),
        TokenScope.valueOf(row.getString("scope")),
        repositories.isEmpty() ? List.of() : Arrays.asList(repositories.split("\n")),
        Optional.ofNullable(row.getString("circleci_context")),
        row.getString("user_variable"),
        row.getString("token_variable"),
        row.getInt("lifetime_days"),
        row.getString("reason"));
    Optional<Decision> decision = Optional.ofNullable(row.getString("decided_by"))
        .map(by -> new Decision(by, instantOf(row, "decided_at"),
            Optional.ofNullable(stringOf(row, "decision_note"))));
    Optional<MessageRef> card = Optional.ofNullable(row.getString("card_ts"))
        .map(ts -> new MessageRef(stringOf(row, "card_channel"), ts));
    return new ProvisioningRequest(
        row.getLong("id"),
        row.getString("requester"),
        Optional.ofNullable(row.getString("origin_channel")),
        spec,
        row.getBoolean("dry_run"),
        RequestState.valueOf(row.getString("state")),
        decision,
        card,
        Jdbc.instant(row, "created_at"),
        Optional.ofNullable(row.getString("project_id")).map(projectId -> new ProjectIds(
            projectId, Optional.ofNullable(stringOf(row, "circleci_org_id")))));
  }

  private static Object timestamp(Instant instant) {
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }

  private static Instant instantOf(ResultSet row, String column) {
    try {
      return Jdbc.instant(row, column);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String stringOf(ResultSet row, String column) {
    try {
      return row.getString(column);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

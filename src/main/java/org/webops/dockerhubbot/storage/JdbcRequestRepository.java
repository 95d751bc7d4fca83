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
import java.util.Set;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.CardStore;
import org.webops.dockerhubbot.workflow.CredentialTimes;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.PipelineKey;
import org.webops.dockerhubbot.workflow.ProjectIds;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Transition;
import org.webops.dockerhubbot.workflow.VariableClaim;

/** Requests in table {@code requests}; the same SQL runs on H2 and PostgreSQL. */
public final class JdbcRequestRepository implements RequestRepository {
  private static final String COLUMNS = RequestRows.COLUMNS;

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
              RequestState.PENDING_APPROVAL.name(), timestamp(createdAt.plus(CardStore.CARD_LEASE)),
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
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM requests WHERE id = ?", RequestRows::map, id);
  }

  @Override
  public Optional<ProvisioningRequest> findLive(String pipeline, Optional<String> projectId) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM requests WHERE active_pipeline = ?"
            + " OR active_project = ? ORDER BY id", RequestRows::map, PipelineKey.of(pipeline),
        projectId.orElse(null));
  }

  @Override
  public Optional<ProvisioningRequest> claimant(List<VariableClaim> claims) {
    for (VariableClaim claim : claims) {
      Optional<ProvisioningRequest> owner = jdbc.queryOne("SELECT " + COLUMNS
              + " FROM requests WHERE id = (SELECT request_id FROM variable_claims"
              + " WHERE target = ? AND name = ?)", RequestRows::map, claim.target(), claim.name());
      if (owner.isPresent()) {
        return owner;
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean apply(long id, Transition transition, Move move) {
    return jdbc.inTransaction(connection ->
        JdbcTransitions.apply(connection, id, transition, move, OptionalInt.empty()));
  }

  @Override
  public CredentialTimes times(long id) {
    return jdbc.queryOne("SELECT expires_at, rotated_at FROM requests WHERE id = ?",
        row -> new CredentialTimes(Optional.ofNullable(Jdbc.instant(row, "expires_at")),
            Optional.ofNullable(Jdbc.instant(row, "rotated_at"))), id)
        .orElse(CredentialTimes.none());
  }

  @Override
  public List<Expiring> expiringBefore(Instant before, int limit) {
    return jdbc.query("SELECT " + COLUMNS + ", expires_at FROM requests WHERE state IN (?, ?, ?)"
            + " AND expires_at < ? ORDER BY expires_at, id LIMIT " + Math.max(1, limit),
        row -> new Expiring(RequestRows.map(row), Jdbc.instant(row, "expires_at")),
        RequestState.DONE.name(), RequestState.ROTATING.name(), RequestState.EXPIRED.name(),
        before);
  }

  @Override
  public List<Credential> credentials(int limit) {
    return jdbc.query("SELECT " + COLUMNS + ", expires_at FROM requests WHERE state IN (?, ?, ?)"
            + " ORDER BY expires_at NULLS LAST, id LIMIT " + Math.max(1, limit),
        row -> new Credential(RequestRows.map(row),
            Optional.ofNullable(Jdbc.instant(row, "expires_at"))),
        RequestState.CREDENTIALS.stream().map(Enum::name).toArray());
  }

  @Override
  public List<ProvisioningRequest> inStates(Set<RequestState> states, int limit) {
    if (states.isEmpty()) {
      return List.of();
    }
    return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE state IN ("
            + String.join(", ", states.stream().map(s -> "?").toList()) + ") ORDER BY id LIMIT "
            + Math.max(1, limit), RequestRows::map,
        states.stream().map(Enum::name).toArray());
  }

  @Override
  public List<ProvisioningRequest> mineOrPending(String user, int limit) {
    // Two index scans instead of one OR over the whole table.
    int n = Math.max(1, limit);
    return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE id IN ("
        + " SELECT id FROM (SELECT id FROM requests WHERE requester = ? ORDER BY id DESC LIMIT " + n
        + ") mine UNION"
        + " SELECT id FROM (SELECT id FROM requests WHERE state = ? ORDER BY id DESC LIMIT " + n
        + ") waiting) ORDER BY id DESC", RequestRows::map, user,
        RequestState.PENDING_APPROVAL.name());
  }

  private static Object timestamp(Instant instant) {
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }

}

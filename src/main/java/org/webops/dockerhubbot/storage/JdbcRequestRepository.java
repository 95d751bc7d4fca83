package org.webops.dockerhubbot.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;

/** Requests in table {@code requests}; the same SQL runs on H2 and PostgreSQL. */
public final class JdbcRequestRepository implements RequestRepository {
  private static final String COLUMNS = "id, pipeline, requester, origin_channel, kind, scope,"
      + " repositories, circleci_context, user_variable, token_variable, lifetime_days, reason,"
      + " dry_run, state, decided_by, decided_at, decision_note, card_channel, card_ts, created_at";

  private final Jdbc jdbc;

  public JdbcRequestRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public ProvisioningRequest create(String requester, Optional<String> originChannel,
      RequestSpec spec, boolean dryRun, Instant now) {
    Instant createdAt = now.truncatedTo(ChronoUnit.MICROS); // what both databases keep
    try {
      long id = jdbc.inTransaction(connection -> {
        long newId;
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO requests (pipeline, active_pipeline, requester, origin_channel, kind,"
                + " scope, repositories, circleci_context, user_variable, token_variable,"
                + " lifetime_days, reason, dry_run, state, card_lease_until, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
          Object[] values = {spec.pipeline(), liveKey(spec.pipeline()), requester,
              originChannel.orElse(null), spec.kind().name(), spec.scope().name(),
              String.join("\n", spec.repositories()), spec.circleciContext().orElse(null),
              spec.userVariable(), spec.tokenVariable(), spec.lifetimeDays(), spec.reason(),
              dryRun, RequestState.PENDING_APPROVAL.name(), timestamp(createdAt.plus(CARD_LEASE)),
              timestamp(createdAt), timestamp(createdAt)};
          for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
          }
          insert.executeUpdate();
          try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            newId = keys.getLong(1);
          }
        }
        JdbcAuditLog.insert(connection, new AuditEvent(newId, requester, "REQUESTED",
            spec.kind().id() + " for " + spec.pipeline(), createdAt));
        return newId;
      });
      return new ProvisioningRequest(id, requester, originChannel, spec, dryRun,
          RequestState.PENDING_APPROVAL, Optional.empty(), Optional.empty(), createdAt);
    } catch (StorageException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        throw new PipelineTakenException(spec.pipeline());
      }
      throw e;
    }
  }

  @Override
  public Optional<ProvisioningRequest> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM requests WHERE id = ?", this::map, id);
  }

  @Override
  public Optional<ProvisioningRequest> findLive(String pipeline) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM requests WHERE active_pipeline = ?",
        this::map, liveKey(pipeline));
  }

  @Override
  public boolean transition(long id, RequestState from, RequestState to, Decision decision,
      AuditEvent audit) {
    boolean releasesPipeline = !to.holdsPipeline();
    return jdbc.inTransaction(connection -> {
      int changed = Jdbc.update(connection,
          "UPDATE requests SET state = ?, decided_by = ?, decided_at = ?, decision_note = ?,"
              + " updated_at = ?" + (releasesPipeline ? ", active_pipeline = NULL" : "")
              + " WHERE id = ? AND state = ?",
          to.name(), decision.by(), decision.at(), decision.note().orElse(null), decision.at(),
          id, from.name());
      if (changed == 1) {
        JdbcAuditLog.insert(connection, audit);
      }
      return changed == 1;
    });
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
        Jdbc.instant(row, "created_at"));
  }

  private static String liveKey(String pipeline) {
    return pipeline.toLowerCase(Locale.ROOT);
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

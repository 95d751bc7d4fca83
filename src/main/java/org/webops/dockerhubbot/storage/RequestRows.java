package org.webops.dockerhubbot.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProjectIds;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;

/** A row of {@code requests} read as a {@link ProvisioningRequest}. */
final class RequestRows {
  static final String COLUMNS = "id, pipeline, requester, origin_channel, kind, scope,"
      + " repositories, circleci_context, user_variable, token_variable, lifetime_days, reason,"
      + " dry_run, state, decided_by, decided_at, decision_note, card_channel, card_ts, created_at,"
      + " project_id, circleci_org_id";

  private RequestRows() {}

  static ProvisioningRequest map(ResultSet row) throws SQLException {
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

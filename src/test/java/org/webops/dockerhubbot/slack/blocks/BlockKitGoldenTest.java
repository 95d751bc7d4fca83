package org.webops.dockerhubbot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.testing.Golden;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.CredentialKinds;
import com.google.gson.JsonObject;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;

class BlockKitGoldenTest {
  private static final Instant CREATED = Instant.parse("2026-11-26T10:30:00Z");
  private static final Instant DECIDED = Instant.parse("2026-11-26T10:42:00Z");
  private static final ApprovalCard.Setting SETTING = new ApprovalCard.Setting("exampleorg", "ci-pullers");

  private static ProvisioningRequest request(CredentialKind kind, RequestState state,
      Optional<Decision> decision, boolean dryRun) {
    RequestSpec spec = new RequestSpec("gh/example/app", kind, TokenScope.READ_ONLY,
        kind == CredentialKind.ORG_TOKEN ? List.of("*/*/public", "example/*") : List.of(),
        kind == CredentialKind.ORG_TOKEN ? Optional.empty() : Optional.of("docker-hub"),
        "DOCKER_USER", "DOCKER_ACCESS_TOKEN", 90, "Pulls <node> & postgres images.");
    return new ProvisioningRequest(42, "U0REQUESTER", Optional.of("C0GENERAL"), spec, dryRun,
        state, decision, Optional.of(new MessageRef("C0APPROVAL", "1700000000.000100")), CREATED,
        Optional.empty());
  }

  @Test
  void approvalCard_pendingOrganisationToken_matchesGolden() throws Exception {
    Golden.assertMatches(getClass(), "approval-card-pending-org-token", ApprovalCard.build(
        request(CredentialKind.ORG_TOKEN, RequestState.PENDING_APPROVAL, Optional.empty(), false),
        SETTING));
  }

  @Test
  void approvalCard_pendingServiceUserDryRun_matchesGolden() throws Exception {
    Golden.assertMatches(getClass(), "approval-card-pending-service-user-dry-run", ApprovalCard.build(
        request(CredentialKind.SERVICE_USER, RequestState.PENDING_APPROVAL, Optional.empty(), true),
        SETTING));
  }

  @Test
  void approvalCard_approved_buttonsGoneDecisionShown() throws Exception {
    Golden.assertMatches(getClass(), "approval-card-approved", ApprovalCard.build(
        request(CredentialKind.ORG_TOKEN, RequestState.APPROVED,
            Optional.of(new Decision("U0APPROVER", DECIDED, Optional.empty())), false),
        SETTING));
  }

  @Test
  void approvalCard_rejected_reasonShownEscaped() throws Exception {
    Golden.assertMatches(getClass(), "approval-card-rejected", ApprovalCard.build(
        request(CredentialKind.ORG_TOKEN, RequestState.REJECTED,
            Optional.of(new Decision("U0APPROVER", DECIDED, Optional.of("Use <the> shared context"))),
            false),
        SETTING));
  }

  @Test
  void requestModal_prefilledDryRun_matchesGolden() throws Exception {
    Golden.assertMatches(getClass(), "request-modal-prefilled-dry-run",
        RequestModal.build(Optional.of("gh/example/app"), "C0GENERAL", true,
            CredentialKinds.all()));
  }

  @Test
  void requestModal_limits_titleAndButtonsFitSlack() {
    var view = RequestModal.build(Optional.empty(), "", false, CredentialKinds.all());
    assertThat(view.getTitle().getText().length()).isLessThanOrEqualTo(24);
    assertThat(view.getSubmit().getText().length()).isLessThanOrEqualTo(24);
    assertThat(view.getBlocks().size()).isLessThanOrEqualTo(100);
  }

  @Test
  void approvalCard_eachVersion_newBlockIdsButTheSameActionIds() {
    ProvisioningRequest approved = request(CredentialKind.ORG_TOKEN, RequestState.FAILED,
        Optional.of(new Decision("U0APPROVER", DECIDED, Optional.empty())), false);
    var gson = GsonFactory.createSnakeCase();

    JsonObject first = ids(gson.toJson(ApprovalCard.build(approved, List.of(), SETTING, 7)));
    JsonObject next = ids(gson.toJson(ApprovalCard.build(approved, List.of(), SETTING, 8)));
    JsonObject again = ids(gson.toJson(ApprovalCard.build(approved, List.of(), SETTING, 8)));

    assertThat(first.getAsJsonArray("blocks")).isNotEmpty();
    for (var blockId : first.getAsJsonArray("blocks")) {
      assertThat(next.getAsJsonArray("blocks")).doesNotContain(blockId);
    }
    assertThat(next).isEqualTo(again); // deterministic
    assertThat(first.getAsJsonArray("actions")).isEqualTo(next.getAsJsonArray("actions"))
        .hasToString("[\"retry-action\"]");
  }

  @Test
  void requestModal_inputBlockIds_fixedWhateverTheForm() {
    var gson = GsonFactory.createSnakeCase();
    JsonObject empty = ids(gson.toJson(RequestModal.build(Optional.empty(), "", false,
        CredentialKinds.all()).getBlocks()));
    JsonObject prefilled = ids(gson.toJson(RequestModal.build(Optional.of("gh/a/b"), "C1", true,
        CredentialKinds.of(false, true, true)).getBlocks()));

    assertThat(empty.getAsJsonArray("blocks").toString()).contains("\"pipeline-block\"",
        "\"reason-block\"");
    for (var input : empty.getAsJsonArray("blocks")) {
      assertThat(prefilled.getAsJsonArray("blocks")).contains(input);
    }
  }

  /** The block ids and action ids in a serialised list of blocks. */
  private static JsonObject ids(String json) {
    JsonObject ids = new JsonObject();
    ids.add("blocks", new com.google.gson.JsonArray());
    ids.add("actions", new com.google.gson.JsonArray());
    for (var block : com.google.gson.JsonParser.parseString(json).getAsJsonArray()) {
      var object = block.getAsJsonObject();
      if (object.has("block_id")) {
        ids.getAsJsonArray("blocks").add(object.get("block_id"));
      }
      if (object.has("elements")) {
        for (var element : object.getAsJsonArray("elements")) {
          if (element.getAsJsonObject().has("action_id")) {
            ids.getAsJsonArray("actions").add(element.getAsJsonObject().get("action_id"));
          }
        }
      }
    }
    return ids;
  }

  @Test
  void rejectModal_matchesGolden() throws Exception {
    Golden.assertMatches(getClass(), "reject-modal", RejectModal.build(
        request(CredentialKind.ORG_TOKEN, RequestState.PENDING_APPROVAL, Optional.empty(), false)));
  }

  @Test
  void appHome_mineAndWaiting_matchesGolden() throws Exception {
    ProvisioningRequest pending =
        request(CredentialKind.ORG_TOKEN, RequestState.PENDING_APPROVAL, Optional.empty(), false);
    Golden.assertMatches(getClass(), "app-home", AppHomeView.build(List.of(pending), List.of()));
  }

  @Test
  void helpMessage_unknownWordWithBacktick_escaped() {
    assertThat(HelpMessage.text(Optional.of("<!channel>`x"))).startsWith(
        "I don't know `&lt;!channel&gt;'x`.");
  }

  @Test
  void slackText_time_usesSlackDateWithUtcFallback() {
    assertThat(SlackText.time(DECIDED)).isEqualTo("<!date^" + DECIDED.getEpochSecond()
        + "^{time}|10:42 UTC>");
  }

  @Test
  void requestModal_serialisedWithSlackGson_hasNoNullNoise() {
    Gson gson = GsonFactory.createSnakeCase();
    assertThat(gson.toJson(RequestModal.build(Optional.empty(), "", false, CredentialKinds.all()))).doesNotContain("null");
  }
}

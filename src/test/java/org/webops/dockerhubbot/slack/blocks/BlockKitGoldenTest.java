package org.webops.dockerhubbot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditTrail;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.workflow.CredentialTimes;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.testing.Golden;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.CredentialKinds;
import com.google.gson.JsonObject;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;

class BlockKitGoldenTest {
  private static final Instant CREATED = Instant.parse("2026-11-26T10:30:00Z");
  private static final Instant DECIDED = Instant.parse("2026-11-26T10:42:00Z");
  private static final Instant STEPS_FROM = Instant.parse("2026-11-26T10:43:05Z");
  /** When the step that runs, waits or failed on a card began. */
  private static final Instant RUN_AT = Instant.parse("2026-11-26T11:05:41Z");
  private static final Instant EXPIRES = Instant.parse("2027-02-24T10:43:06Z");
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
  void approvalCard_serviceUserRunning_doneStepsTimedOneRunningRestNotStarted() throws Exception {
    assertRunCard("approval-card-run-running", CredentialKind.SERVICE_USER,
        RequestState.IN_PROGRESS, 9, done(StepId.GENERATE_IDENTITY), done(StepId.SEND_SIGN_UP),
        done(StepId.VERIFY_SIGN_UP), StepRecord.running(StepId.CREATE_PERSONAL_TOKEN, RUN_AT));
  }

  @Test
  void approvalCard_waitingAtSignUp_bothSignUpButtons() throws Exception {
    assertRunCard("approval-card-run-waiting-sign-up", CredentialKind.SERVICE_USER,
        RequestState.IN_PROGRESS, 5, done(StepId.GENERATE_IDENTITY), done(StepId.SEND_SIGN_UP),
        StepRecord.waiting(StepId.VERIFY_SIGN_UP, Prose.of("Sign up as ",
            Prose.code("ciexampleapp"), " with the details in the one-time link, verify the"
                + " e-mail, then click ", Prose.strong("Account created and e-mail verified"),
            "."), RUN_AT));
  }

  @Test
  void approvalCard_failedAtAStep_reasonEscapedRetryAndRevokeButtons() throws Exception {
    assertRunCard("approval-card-run-failed", CredentialKind.ORG_TOKEN, RequestState.FAILED, 4,
        done(StepId.CREATE_ORG_TOKEN), StepRecord.failed(StepId.WRITE_CIRCLECI, "CircleCI PUT"
            + " /api/v2/context/ctx-1/environment-variable/DOCKER_USER answered 403: no access to"
            + " <context> & its variables", RUN_AT));
  }

  @Test
  void approvalCard_organisationTokenDone_allStepsDoneRotateAndRevokeButtons() throws Exception {
    assertRunCard("approval-card-run-done", CredentialKind.ORG_TOKEN, RequestState.DONE, 8,
        done(StepId.CREATE_ORG_TOKEN), done(StepId.WRITE_CIRCLECI), done(StepId.DELIVER));
  }

  /**
   * The approved request's card in this state, with its operation's steps at this version of
   * the card, matches the golden file.
   */
  private void assertRunCard(String golden, CredentialKind kind, RequestState state,
      int progress, StepRecord... steps) throws Exception {
    Operation.Status status = switch (state) {
      case FAILED -> Operation.Status.FAILED;
      case DONE -> Operation.Status.DONE;
      default -> Operation.Status.OPEN;
    };
    Operation operation = new Operation(7, 42, OperationKind.PROVISION, status, "U0APPROVER",
        DECIDED, Optional.empty(), "");
    Golden.assertMatches(getClass(), golden, ApprovalCard.build(
        request(kind, state, Optional.of(new Decision("U0APPROVER", DECIDED, Optional.empty())),
            false),
        new RunStore.Snapshot(Optional.of(operation), List.of(steps), progress, Optional.empty()),
        SETTING));
  }

  /** Done a second apart, in the order of the steps. */
  private static StepRecord done(StepId step) {
    return StepRecord.done(step, List.of(Prose.of(step.label())), Map.of(),
        STEPS_FROM.plusSeconds(step.ordinal()));
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

    JsonObject first = ids(gson.toJson(ApprovalCard.build(approved, new RunStore.Snapshot(Optional.empty(), List.of(), 7, Optional.empty()), SETTING)));
    JsonObject next = ids(gson.toJson(ApprovalCard.build(approved, new RunStore.Snapshot(Optional.empty(), List.of(), 8, Optional.empty()), SETTING)));
    JsonObject again = ids(gson.toJson(ApprovalCard.build(approved, new RunStore.Snapshot(Optional.empty(), List.of(), 8, Optional.empty()), SETTING)));

    assertThat(first.getAsJsonArray("blocks")).isNotEmpty();
    for (var blockId : first.getAsJsonArray("blocks")) {
      assertThat(next.getAsJsonArray("blocks")).doesNotContain(blockId);
    }
    assertThat(next).isEqualTo(again); // deterministic
    assertThat(first.getAsJsonArray("actions")).isEqualTo(next.getAsJsonArray("actions"))
        .hasToString("[\"retry-action\",\"revoke-action\"]");
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
  void appHome_plainRequester_onlyTheirRequests() throws Exception {
    ProvisioningRequest pending =
        request(CredentialKind.ORG_TOKEN, RequestState.PENDING_APPROVAL, Optional.empty(), false);
    Golden.assertMatches(getClass(), "app-home", AppHomeView.build(new AppHomeView.Content(
        List.of(pending), Optional.empty(), Optional.empty())));
  }

  @Test
  void appHome_approver_waitingForTheirDecisionAndExpiringWithRotateButtons() throws Exception {
    ProvisioningRequest other = withId(request(CredentialKind.SERVICE_USER,
        RequestState.PENDING_APPROVAL, Optional.empty(), false), 43, "U0OTHER");
    Decision approved = new Decision("U0APPROVER", DECIDED, Optional.empty());
    ProvisioningRequest done = request(CredentialKind.ORG_TOKEN, RequestState.DONE,
        Optional.of(approved), false);
    ProvisioningRequest rotating = withId(request(CredentialKind.ORG_TOKEN, RequestState.ROTATING,
        Optional.of(approved), false), 44, "U0OTHER");
    ProvisioningRequest expired = withId(request(CredentialKind.SERVICE_USER,
        RequestState.EXPIRED, Optional.of(approved), false), 45, "U0OTHER");
    Golden.assertMatches(getClass(), "app-home-approver", AppHomeView.build(
        new AppHomeView.Content(List.of(), Optional.of(new AppHomeView.ForApprover(List.of(other),
            List.of(new RequestRepository.Expiring(expired, EXPIRES.minus(Duration.ofDays(3))),
                new RequestRepository.Expiring(done, EXPIRES),
                new RequestRepository.Expiring(rotating, EXPIRES.plus(Duration.ofDays(2)))))),
            Optional.empty())));
  }

  @Test
  void statusView_organisationTokenDone_everyFieldNamesOnlyAndTheAuditTrail() throws Exception {
    ProvisioningRequest done = request(CredentialKind.ORG_TOKEN, RequestState.DONE,
        Optional.of(new Decision("U0APPROVER", DECIDED, Optional.empty())), false);
    Operation provisioned = new Operation(7, 42, OperationKind.PROVISION, Operation.Status.DONE,
        "U0APPROVER", DECIDED, Optional.empty(), "");
    Golden.assertMatches(getClass(), "status-org-token-done", StatusView.build(
        new StatusView.Facts(done, new CredentialTimes(Optional.of(EXPIRES), Optional.empty()),
            List.of("circleci-app-r42-g1"), List.of(
                new CredentialStore.WrittenVariable("project:gh/example/app", "DOCKER_ACCESS_TOKEN",
                    Optional.empty()),
                new CredentialStore.WrittenVariable("project:gh/example/app", "DOCKER_USER",
                    Optional.empty())),
            Optional.empty(), new AuditTrail(List.of(
                new AuditEvent(42L, "U0APPROVER", "APPROVED", "", DECIDED),
                new AuditEvent(42L, "bot", "RUN_STARTED", "", STEPS_FROM),
                new AuditEvent(42L, "bot", "DONE", "", RUN_AT)), 14),
            new RunStore.Snapshot(Optional.of(provisioned), List.of(), 8, Optional.empty()))));
  }

  @Test
  void statusView_serviceUserRotating_contextVariablesAndTheOpenRotation() throws Exception {
    ProvisioningRequest rotating = request(CredentialKind.SERVICE_USER, RequestState.ROTATING,
        Optional.of(new Decision("U0APPROVER", DECIDED, Optional.empty())), false);
    Operation rotation = new Operation(9, 42, OperationKind.ROTATE, Operation.Status.OPEN,
        "U0REQUESTER", RUN_AT, Optional.empty(), "");
    Golden.assertMatches(getClass(), "status-service-user-rotating", StatusView.build(
        new StatusView.Facts(rotating, new CredentialTimes(Optional.of(EXPIRES),
            Optional.of(RUN_AT)), List.of("circleci-app-r42-g1", "circleci-app-r42-g2"), List.of(
                new CredentialStore.WrittenVariable("context:ctx-1", "DOCKER_ACCESS_TOKEN",
                    Optional.empty()),
                new CredentialStore.WrittenVariable("context:ctx-1", "DOCKER_USER",
                    Optional.empty())),
            Optional.of("ciexampleapp"), new AuditTrail(List.of(
                new AuditEvent(42L, "U0REQUESTER", "ROTATE_REQUESTED", "", RUN_AT)), 1),
            new RunStore.Snapshot(Optional.of(rotation), List.of(done(StepId.CREATE_PERSONAL_TOKEN)),
                12, Optional.empty()))));
  }

  @Test
  void credentialList_liveBySoonestExpiryThenInFlight() throws Exception {
    Decision approved = new Decision("U0APPROVER", DECIDED, Optional.empty());
    Golden.assertMatches(getClass(), "credential-list", CredentialList.build(
        new CredentialList.Facts(List.of(
            new RequestRepository.Credential(withId(request(CredentialKind.SERVICE_USER,
                RequestState.EXPIRED, Optional.of(approved), false), 40, "U0OTHER"),
                Optional.of(EXPIRES.minus(Duration.ofDays(3)))),
            new RequestRepository.Credential(request(CredentialKind.ORG_TOKEN, RequestState.DONE,
                Optional.of(approved), false), Optional.of(EXPIRES)),
            new RequestRepository.Credential(withId(request(CredentialKind.ORG_TOKEN,
                RequestState.DONE, Optional.of(approved), true), 41, "U0OTHER"),
                Optional.empty())), false,
            List.of(withId(request(CredentialKind.ORG_TOKEN, RequestState.PENDING_APPROVAL,
                Optional.empty(), false), 46, "U0OTHER")), true)));
  }

  @Test
  void credentialList_nothing_saysSo() {
    assertThat(GsonFactory.createSnakeCase().toJson(CredentialList.build(new CredentialList.Facts(List.of(), false,
        List.of(), false)))).contains("_none yet: `/dockerhub-user new` asks for one_", "_none_");
  }

  /** The same request under another id, pipeline and requester. */
  private static ProvisioningRequest withId(ProvisioningRequest request, long id,
      String requester) {
    RequestSpec spec = request.spec();
    return new ProvisioningRequest(id, requester, request.originChannel(), new RequestSpec(
        "gh/example/app-" + id, spec.kind(), spec.scope(), spec.repositories(),
        spec.circleciContext(), spec.userVariable(), spec.tokenVariable(), spec.lifetimeDays(),
        spec.reason()), request.dryRun(), request.state(), request.decision(), request.card(),
        request.createdAt(), request.project());
  }

  @Test
  void helpMessage_everyCommand_listedAndNothingPromised() {
    assertThat(HelpMessage.text(Optional.empty())).contains("`/dockerhub-user new [pipeline]`",
        "`/dockerhub-user list`", "`/dockerhub-user status <pipeline>`",
        "`/dockerhub-user rotate <pipeline>`", "`/dockerhub-user revoke <pipeline>`",
        "`/dockerhub-user withdraw <pipeline>`", "`/dockerhub-user drift` — approvers: check"
            + " Docker Hub and CircleCI against what the bot made", "`/dockerhub-user help`")
        .doesNotContainIgnoringCase("not here yet").doesNotContainIgnoringCase("come with");
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

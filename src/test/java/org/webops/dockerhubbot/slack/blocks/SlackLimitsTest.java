package org.webops.dockerhubbot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditTrail;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.workflow.CredentialTimes;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.testing.SlackLimits;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.CredentialKinds;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestForm;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.RequestValidator;
import org.webops.dockerhubbot.workflow.TokenScope;

/**
 * Every view and message the bot builds stays within Slack's limits at the largest inputs the
 * validator lets through: past them, Slack refuses the whole message or view.
 */
class SlackLimitsTest {
  private static final Instant AT = Instant.parse("2026-11-26T10:42:00Z");
  private static final ApprovalCard.Setting SETTING =
      new ApprovalCard.Setting("exampleorg", "ci-pullers");

  @Test
  void approvalCard_largestValidRequestAtEveryStage_withinLimits() {
    RequestSpec spec = largestValidSpec();
    for (RequestState state : RequestState.values()) {
      Optional<Decision> decision = state == RequestState.PENDING_APPROVAL ? Optional.empty()
          : Optional.of(new Decision("U0APPROVER", AT, Optional.of("&".repeat(500))));
      ProvisioningRequest request = new ProvisioningRequest(Long.MAX_VALUE, "U0REQUESTER",
          Optional.of("C0GENERAL"), spec, true, state, decision, Optional.empty(), AT,
          Optional.empty());
      List<StepRecord> steps = new ArrayList<>();
      for (StepId step : StepId.values()) {
        steps.add(new StepRecord(step, step == StepId.WRITE_CIRCLECI ? StepStatus.FAILED
            : StepStatus.WAITING, Prose.of("<&>".repeat(2000)), Map.of(), AT));
      }
      assertThat(SlackLimits.ofMessage(ApprovalCard.build(request, new RunStore.Snapshot(Optional.empty(), steps, 999, Optional.empty()), SETTING)))
          .as(state.name()).isEmpty();
    }
  }

  @Test
  void appHome_fifteenLongSlugsInEachList_withinLimits() {
    List<ProvisioningRequest> many = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      RequestSpec spec = new RequestSpec("gh/" + "o".repeat(90) + "/" + "r".repeat(100) + i,
          CredentialKind.ORG_TOKEN, TokenScope.READ_ONLY, List.of("*/*/public"),
          Optional.empty(), "DOCKER_USER", "DOCKER_ACCESS_TOKEN", 90, "test");
      many.add(new ProvisioningRequest(1_000_000_000L + i, "U0REQUESTER", Optional.empty(),
          spec, false, RequestState.PENDING_APPROVAL, Optional.empty(), Optional.empty(), AT,
          Optional.empty()));
    }

    List<RequestRepository.Expiring> expiring = many.stream()
        .map(request -> new RequestRepository.Expiring(request, AT)).toList();

    assertThat(SlackLimits.ofView(AppHomeView.build(new AppHomeView.Content(many,
        Optional.of(new AppHomeView.ForApprover(many, expiring)),
        Optional.of("x".repeat(3000)))))).isEmpty();
  }

  @Test
  void statusView_largestValidRequestWithLongLabelsAndATenLineTrail_withinLimits() {
    RequestSpec spec = largestValidSpec();
    List<AuditEvent> trail = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      trail.add(new AuditEvent(Long.MAX_VALUE, "U".repeat(20), "A".repeat(200), "", AT));
    }
    List<CredentialStore.WrittenVariable> variables = List.of(
        new CredentialStore.WrittenVariable("context:" + "c".repeat(200), "U".repeat(100),
            Optional.empty()),
        new CredentialStore.WrittenVariable("context:" + "c".repeat(200), "T".repeat(100),
            Optional.empty()));
    List<StepRecord> steps = new ArrayList<>();
    for (StepId step : StepId.values()) {
      steps.add(new StepRecord(step, StepStatus.WAITING, Prose.of("<&>".repeat(2000)), Map.of(),
          AT));
    }
    for (RequestState state : RequestState.values()) {
      ProvisioningRequest request = new ProvisioningRequest(Long.MAX_VALUE, "U0REQUESTER",
          Optional.of("C0GENERAL"), spec, false, state, Optional.of(new Decision("U0APPROVER", AT,
              Optional.empty())), Optional.empty(), AT, Optional.empty());
      Operation open = new Operation(1, Long.MAX_VALUE, OperationKind.ROTATE,
          Operation.Status.OPEN, "U0APPROVER", AT, Optional.empty(), "");
      StatusView.Facts facts = new StatusView.Facts(request,
          new CredentialTimes(Optional.of(AT), Optional.of(AT)),
          List.of("l".repeat(100), "m".repeat(100)), variables, Optional.of("d".repeat(30)),
          new AuditTrail(trail, Integer.MAX_VALUE),
          new RunStore.Snapshot(Optional.of(open), steps, 999, Optional.empty()));

      assertThat(SlackLimits.ofMessage(StatusView.build(facts))).as(state.name()).isEmpty();
    }
  }

  @Test
  void credentialList_twentyLongestSlugsInEachPart_withinLimits() {
    List<RequestRepository.Credential> credentials = new ArrayList<>();
    List<ProvisioningRequest> inFlight = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      RequestSpec spec = new RequestSpec("gh/" + "o".repeat(98) + "/" + "r".repeat(96) + i,
          CredentialKind.SERVICE_USER, TokenScope.READ_ONLY, List.of(), Optional.empty(),
          "DOCKER_USER", "DOCKER_ACCESS_TOKEN", 90, "test");
      ProvisioningRequest request = new ProvisioningRequest(Long.MAX_VALUE - i, "U".repeat(20),
          Optional.empty(), spec, false, RequestState.EXPIRED, Optional.empty(),
          Optional.empty(), AT, Optional.empty());
      credentials.add(new RequestRepository.Credential(request, Optional.of(AT)));
      inFlight.add(request);
    }

    assertThat(SlackLimits.ofMessage(CredentialList.build(new CredentialList.Facts(credentials,
        true, inFlight, true)))).isEmpty();
  }

  @Test
  void requestModal_prefilledWithTheLongestValidSlugOrALongerOne_withinLimits() {
    for (String pipeline : List.of("gh/o/" + "r".repeat(195), "gh/o/" + "r".repeat(400))) {
      assertThat(SlackLimits.ofView(RequestModal.build(Optional.of(pipeline), "C0GENERAL", true,
          CredentialKinds.of(false, true, true)))).as(pipeline).isEmpty();
    }
  }

  @Test
  void rejectModal_largestRequest_withinLimits() {
    ProvisioningRequest request = new ProvisioningRequest(Long.MAX_VALUE, "U0REQUESTER",
        Optional.empty(), largestValidSpec(), false, RequestState.PENDING_APPROVAL,
        Optional.empty(), Optional.empty(), AT, Optional.empty());

    assertThat(SlackLimits.ofView(RejectModal.build(request))).isEmpty();
  }

  /** Every field at its longest; the validator accepts it. */
  private static RequestSpec largestValidSpec() {
    StringBuilder repositories = new StringBuilder();
    int i = 0;
    int maxLength = RequestForm.Field.REPOSITORIES.input().maxLength().orElseThrow();
    while (repositories.length() + 60 < maxLength) {
      repositories.append(String.format("exampleorg/%02d", i++)).append("a".repeat(45))
          .append('\n');
    }
    RequestForm form = new RequestForm("gh/" + "o".repeat(98) + "/" + "r".repeat(98),
        "org-token", "read-write", repositories.toString(), "c".repeat(200), "U".repeat(100),
        "T".repeat(100), "365", "<&>".repeat(166));
    var result = new RequestValidator("exampleorg").validate(form, CredentialKinds.all());
    assertThat(result).isInstanceOf(RequestValidator.Result.Valid.class);
    return ((RequestValidator.Result.Valid) result).spec();
  }
}

package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.RequestState;

/** Failures on the way: transient ones are absorbed, permanent ones stop the run until Retry. */
class ProvisioningFailuresIT {
  static final String ORG_TOKENS = "/v2/orgs/exampleorg/access-tokens";
  static final String ENVVAR = "/project/gh/example/opg-refunds/envvar";
  /** Longer than the tests' one-second read timeout. */
  static final Duration STALL = Duration.ofSeconds(3);

  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;
  private FakeDockerHub hub;
  private FakeCircleCi circleci;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
    hub = running.bot().dockerhub();
    circleci = running.bot().circleci();
  }

  enum Fault { STATUS_500, STATUS_429, TIMEOUT, LOST_ANSWER }

  static Stream<Arguments> orgTokenCalls() {
    List<Arguments> cases = new ArrayList<>();
    String[][] calls = {
        {"hub", "POST", "/v2/auth/token"},
        {"hub", "GET", ORG_TOKENS},
        {"hub", "POST", ORG_TOKENS},
        {"circleci", "GET", ENVVAR},
        {"circleci", "POST", ENVVAR}};
    for (String[] call : calls) {
      for (Fault fault : List.of(Fault.STATUS_500, Fault.STATUS_429, Fault.TIMEOUT)) {
        cases.add(Arguments.of(call[0], call[1], call[2], fault));
      }
    }
    cases.add(Arguments.of("hub", "POST", ORG_TOKENS, Fault.LOST_ANSWER));
    cases.add(Arguments.of("circleci", "POST", ENVVAR, Fault.LOST_ANSWER));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("orgTokenCalls")
  void orgToken_oneCallFailsOnce_runCompletesWithoutDuplicates(String api, String method,
      String path, Fault fault) throws Exception {
    // given
    inject(api, method, path, fault);

    // when
    flow.submitAndApprove(Flow.orgToken());

    // then
    flow.awaitState(RequestState.DONE);
    flow.assertOneOrgTokenEverywhere();
  }

  static Stream<Arguments> serviceUserCalls() {
    List<Arguments> cases = new ArrayList<>();
    String[][] calls = {
        {"hub", "POST", "/v2/users/login"},
        {"hub", "GET", "/v2/access-tokens"},
        {"hub", "POST", "/v2/access-tokens"},
        {"hub", "GET", "/v2/orgs/exampleorg/members"},
        {"hub", "GET", "/v2/orgs/exampleorg/invites"},
        {"hub", "POST", "/v2/invites/bulk"},
        {"hub", "GET", "/v2/orgs/exampleorg/groups/ci-pullers/members"},
        {"circleci", "POST", ENVVAR}};
    for (String[] call : calls) {
      for (Fault fault : List.of(Fault.STATUS_500, Fault.STATUS_429, Fault.TIMEOUT)) {
        cases.add(Arguments.of(call[0], call[1], call[2], fault));
      }
    }
    cases.add(Arguments.of("hub", "POST", "/v2/access-tokens", Fault.LOST_ANSWER));
    cases.add(Arguments.of("hub", "POST", "/v2/invites/bulk", Fault.LOST_ANSWER));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("serviceUserCalls")
  void serviceUser_oneCallFailsOnce_runCompletesWithoutDuplicates(String api, String method,
      String path, Fault fault) throws Exception {
    // given
    inject(api, method, path, fault);

    // when
    flow.submitAndApprove(Flow.serviceUser());
    String dockerId = Drive.serviceUserToDone(flow);

    // then
    flow.assertOneServiceUserEverywhere(dockerId);
    assertThat(hub.invites()).isEmpty(); // the one invitation was accepted
    assertThat(hub.count("POST", "/v2/invites/bulk")).isLessThanOrEqualTo(
        fault == Fault.STATUS_500 || fault == Fault.STATUS_429 ? 2 : 1);
  }

  @Test
  void orgToken_permanentFailure_cardShowsReasonAndRetryWhichResumesAtThatStep() throws Exception {
    // given: Docker Hub refuses the token once with a 403
    hub.failNext("POST", ORG_TOKENS, 403, 1);

    // when
    flow.submitAndApprove(Flow.orgToken());

    // then: stopped at the token step with the reason, a Retry button, the requester told
    flow.awaitState(RequestState.FAILED);
    flow.awaitCard(":x: *Organisation access token created* failed: Docker Hub POST " + ORG_TOKENS
        + " answered 403");
    assertThat(flow.lastCardJson()).contains("retry-action");
    assertThat(flow.lastCard()).contains("Progress* — stopped");
    System.out.println("Card failed:\n" + flow.lastCard() + "\n");
    flow.awaitThread("An approver can click *Retry*");
    flow.awaitToldRequester("stopped at");
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::detail)
        .anySatisfy(detail -> assertThat(detail).startsWith("CREATE_ORG_TOKEN: Docker Hub POST"));
    assertThat(circleci.projectVariables(Flow.PIPELINE)).isEmpty();

    // when: an approver retries
    flow.click(Flow.APPROVER, "retry-action");

    // then
    flow.awaitState(RequestState.DONE);
    assertThat(hub.orgTokens()).hasSize(1);
    assertThat(hub.count("POST", ORG_TOKENS)).isEqualTo(2);
    flow.awaitCard("Progress* — done");
    assertThat(flow.lastCardJson()).doesNotContain("retry-action");
  }

  @Test
  void serviceUser_inviteRefused_retryResumesAtTheInvitation() throws Exception {
    hub.failNext("POST", "/v2/invites/bulk", 400, 1);
    flow.submitAndApprove(Flow.serviceUser());
    String dockerId = Drive.signUp(flow);
    flow.awaitState(RequestState.FAILED);
    flow.awaitCard(":x: *Invited into the organisation's team* failed");
    int logins = hub.count("POST", "/v2/users/login");

    flow.click(Flow.APPROVER, "retry-action");
    Drive.acceptInvitation(flow, dockerId);

    flow.awaitState(RequestState.DONE);
    assertThat(hub.personalTokens(dockerId)).hasSize(1);
    assertThat(hub.count("POST", "/v2/access-tokens")).isEqualTo(1);
    assertThat(hub.count("POST", "/v2/users/login")).isEqualTo(logins); // earlier steps not redone
  }

  @Test
  void retry_tenConcurrentClicks_retriesOnce() throws Exception {
    // given
    hub.failNext("POST", ORG_TOKENS, 403, 1);
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.FAILED);
    MessageRef card = flow.request().card().orElseThrow();
    int clicks = 10;
    ExecutorService clickers = Executors.newFixedThreadPool(clicks);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();

    // when
    for (int i = 0; i < clicks; i++) {
      String body = SlackRequests.blockAction(Flow.APPROVER, "retry-action",
          Long.toString(flow.id()), card.channel(), card.ts(), flow.slack().responseUrl("retry-" + i));
      statuses.add(clickers.submit(() -> {
        go.await();
        try (Response response = flow.bot().send(body)) {
          return response.code();
        }
      }));
    }
    go.countDown();
    for (Future<Integer> status : statuses) {
      assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
    clickers.shutdown();

    // then
    flow.awaitState(RequestState.DONE);
    Await.until(() -> flow.slack().calls().stream()
            .filter(call -> call.method().startsWith("respond/retry-")).count() == clicks - 1,
        Flow.LONG, () -> "nine answers");
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .filteredOn("RETRY"::equals).hasSize(1);
    assertThat(hub.orgTokens()).hasSize(1);
    assertThat(hub.count("POST", ORG_TOKENS)).isEqualTo(2);
    assertThat(flow.slack().calls().stream().filter(c -> c.method().startsWith("respond/retry-")))
        .allSatisfy(call -> assertThat(call.body()).contains("nothing to retry"));
  }

  @Test
  void retry_byNonApprover_refusedStateUnchanged() throws Exception {
    hub.failNext("POST", ORG_TOKENS, 403, 1);
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.FAILED);

    String reply = flow.click("U0OUTSIDER", "retry-action");

    assertThat(Await.first(() -> flow.responseTo(reply), "the refusal"))
        .contains("Only webops approvers can retry");
    assertThat(flow.request().state()).isEqualTo(RequestState.FAILED);
    assertThat(hub.count("POST", ORG_TOKENS)).isEqualTo(1);
  }

  private void inject(String api, String method, String path, Fault fault) {
    switch (fault) {
      case STATUS_500 -> failNext(api, method, path, 500);
      case STATUS_429 -> failNext(api, method, path, 429);
      case TIMEOUT -> {
        if (api.equals("hub")) {
          hub.stallNext(method, path, STALL);
        } else {
          circleci.stallNext(method, path, STALL);
        }
      }
      case LOST_ANSWER -> {
        if (api.equals("hub")) {
          hub.failNextAfterEffect(method, path, 502);
        } else {
          circleci.failNextAfterEffect(method, path, 502);
        }
      }
    }
  }

  private void failNext(String api, String method, String path, int status) {
    if (api.equals("hub")) {
      hub.failNext(method, path, status, 1);
    } else {
      circleci.failNext(method, path, status, 1);
    }
  }
}

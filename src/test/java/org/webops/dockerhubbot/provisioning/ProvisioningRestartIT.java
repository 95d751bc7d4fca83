package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.Tuning;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * The application stopped and started again in the middle of each step: the step's call has
 * reached the fake API (which has done its part) and waits for its answer when the bot stops. The
 * run resumes after the restart, and nothing exists twice.
 */
class ProvisioningRestartIT {
  static final String ORG_TOKENS = ProvisioningFailuresIT.ORG_TOKENS;
  static final String ENVVAR = ProvisioningFailuresIT.ENVVAR;
  /** Longer than any test: the bot is stopped while it waits. */
  static final Duration HELD = Duration.ofSeconds(60);

  @RegisterExtension final RunningBot running =
      new RunningBot(TestBot.TUNING.withApiReadTimeout(Duration.ofSeconds(90)));
  private final CountDownLatch slackHeld = new CountDownLatch(1);
  private Flow flow;
  private FakeDockerHub hub;
  private FakeCircleCi circleci;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
    hub = running.bot().dockerhub();
    circleci = running.bot().circleci();
  }

  @AfterEach
  void release() {
    slackHeld.countDown();
  }

  @Test
  void orgToken_stoppedWhileCreatingTheToken_resumesWithOneToken() throws Exception {
    hub.stallNext("POST", ORG_TOKENS, HELD);
    flow.submitAndApprove(Flow.orgToken());

    restartOnceCalled(() -> hub.count("POST", ORG_TOKENS) >= 1);

    flow.awaitState(RequestState.DONE);
    flow.assertOneOrgTokenEverywhere();
  }

  @Test
  void orgToken_stoppedWhileWritingCircleCi_replacesTheTokenWhoseValueWasLost() throws Exception {
    circleci.stallNext("POST", ENVVAR, HELD);
    flow.submitAndApprove(Flow.orgToken());

    restartOnceCalled(() -> circleci.count("POST", ENVVAR) >= 1);

    flow.awaitState(RequestState.DONE);
    flow.assertOneOrgTokenEverywhere();
    assertThat(hub.count("DELETE", ORG_TOKENS + "/")).isEqualTo(1);
    flow.awaitThread("replaces the token");
  }

  @Test
  void orgToken_stoppedWhileDelivering_resumesAndDelivers() throws Exception {
    holdSlack("Credentials for");
    flow.submitAndApprove(Flow.orgToken());

    restartOnceCalled(() -> flow.linksTo(Flow.APPROVER).size() >= 1);
    slackHeld.countDown();

    flow.awaitState(RequestState.DONE);
    flow.assertOneOrgTokenEverywhere();
  }

  @Test
  void serviceUser_stoppedWhileSendingTheSignUpLink_resumesWithTheSameDockerId() throws Exception {
    holdSlack("Sign-up for request");
    flow.submitAndApprove(Flow.serviceUser());

    restartOnceCalled(() -> flow.linksTo(Flow.APPROVER).size() >= 1);
    slackHeld.countDown();

    String dockerId = Drive.serviceUserToDone(flow);
    assertThat(dockerId).isEqualTo("opgrefunds");
    flow.assertOneServiceUserEverywhere(dockerId);
  }

  @Test
  void serviceUser_stoppedWhileVerifying_stillWaitsForTheClickAndGoesOnAfterIt() throws Exception {
    int loginsBefore = hub.count("POST", "/v2/users/login"); // the start-up credential check's
    hub.stallNext("POST", "/v2/users/login", HELD);
    flow.submitAndApprove(Flow.serviceUser());
    String dockerId = Drive.signUp(flow);

    restartOnceCalled(() -> hub.count("POST", "/v2/users/login") > loginsBefore);

    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    assertThat(flow.lastCardJson()).contains("signed-up-action");
    assertThat(flow.request().state()).isEqualTo(RequestState.IN_PROGRESS);
    flow.click(Flow.APPROVER, "signed-up-action");
    Drive.acceptInvitation(flow, dockerId);
    flow.awaitState(RequestState.DONE);
    flow.assertOneServiceUserEverywhere(dockerId);
  }

  @Test
  void serviceUser_stoppedWhileCreatingTheToken_resumesWithOneToken() throws Exception {
    serviceUserStoppedAt("POST", "/v2/access-tokens");
  }

  @Test
  void serviceUser_stoppedWhileWritingCircleCi_resumesWithOneToken() throws Exception {
    circleci.stallNext("POST", ENVVAR, HELD);
    flow.submitAndApprove(Flow.serviceUser());
    String dockerId = Drive.signUp(flow);

    restartOnceCalled(() -> circleci.count("POST", ENVVAR) >= 1);

    Drive.acceptInvitation(flow, dockerId);
    flow.awaitState(RequestState.DONE);
    flow.assertOneServiceUserEverywhere(dockerId);
  }

  @Test
  void serviceUser_stoppedWhileInviting_resumesWithOneInvitation() throws Exception {
    serviceUserStoppedAt("POST", "/v2/invites/bulk");
    assertThat(hub.count("POST", "/v2/invites/bulk")).isEqualTo(1);
  }

  @Test
  void serviceUser_stoppedWhileCheckingMembership_resumesAndKeepsPolling() throws Exception {
    serviceUserStoppedAt("GET", "/v2/orgs/exampleorg/groups/ci-pullers/members");
  }

  private void serviceUserStoppedAt(String method, String path) throws Exception {
    hub.stallNext(method, path, HELD);
    flow.submitAndApprove(Flow.serviceUser());
    String dockerId = Drive.signUp(flow);

    restartOnceCalled(() -> hub.count(method, path) >= 1);

    Drive.acceptInvitation(flow, dockerId);
    flow.awaitState(RequestState.DONE);
    flow.assertOneServiceUserEverywhere(dockerId);
  }

  private void restartOnceCalled(java.util.function.BooleanSupplier called) {
    Await.until(called, Flow.LONG, () -> "the call to interrupt; card: " + flow.lastCard());
    running.bot().restart();
  }

  /** Slack holds the answer to the first ephemeral message with this text. */
  private void holdSlack(String text) {
    AtomicBoolean first = new AtomicBoolean(true);
    flow.slack().answer("chat.postEphemeral", call -> {
      if (call.param("text").contains(text) && first.getAndSet(false)) {
        try {
          slackHeld.await(HELD.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return "{\"ok\":true,\"message_ts\":\"1700000001.000001\"}";
    });
  }
}

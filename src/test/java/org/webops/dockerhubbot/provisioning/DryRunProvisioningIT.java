package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.workflow.RequestState;

/** {@code DRY_RUN=true}: the whole flow runs and every write is described in the thread. */
class DryRunProvisioningIT {
  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;

  @BeforeEach
  void setUp() {
    running.restartWith(Map.of("DRY_RUN", "true"));
    flow = new Flow(running);
  }

  @Test
  void orgToken_dryRun_describesEveryWriteAndWritesNothing() throws Exception {
    flow.submitAndApprove(Flow.orgToken());

    flow.awaitState(RequestState.DONE);
    flow.awaitThread("Dry run: would create organisation access token `circleci-opg-refunds-r"
        + flow.id() + "-g1`");
    flow.awaitThread("Dry run: would set `DOCKER_USER` (`exampleorg`) and `DOCKER_ACCESS_TOKEN`");
    flow.awaitThread("Dry run: would send <@" + Flow.APPROVER + "> a one-time link");
    assertNothingWritten();
    assertThat(flow.linksTo(Flow.APPROVER)).isEmpty();
    flow.awaitToldRequester("Dry run");
  }

  @Test
  void serviceUser_dryRun_runsThroughWithoutWaitingForPeople() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());

    flow.awaitState(RequestState.DONE);
    flow.awaitThread("Dry run: would send <@" + Flow.APPROVER + "> a one-time link with the Docker ID");
    flow.awaitThread("Dry run: would create personal access token");
    flow.awaitThread("Dry run: would invite `opgrefunds` into `exampleorg/ci-pullers`");
    assertNothingWritten();
    assertThat(flow.linksTo(Flow.APPROVER)).isEmpty();
  }

  private void assertNothingWritten() {
    FakeDockerHub hub = running.bot().dockerhub();
    FakeCircleCi circleci = running.bot().circleci();
    assertThat(hub.orgTokens()).isEmpty();
    assertThat(hub.invites()).isEmpty();
    assertThat(hub.count("POST", "/v2/orgs")).isZero();
    assertThat(hub.count("POST", "/v2/invites")).isZero();
    assertThat(hub.count("POST", "/v2/access-tokens")).isZero();
    assertThat(hub.count("DELETE", "/v2")).isZero();
    assertThat(circleci.count("POST", "/project")).isZero();
    assertThat(circleci.count("PUT", "/context")).isZero();
    assertThat(circleci.projectVariables(Flow.PIPELINE)).isEmpty();
  }
}

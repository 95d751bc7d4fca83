package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Rotation end to end for both kinds: a new token in CircleCI, read back, the old one deleted
 * after the grace period (moved past with the clock), nobody given the token unless an approver
 * asked.
 */
class RotationIT {
  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;
  private FakeDockerHub hub;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
    hub = running.bot().dockerhub();
  }

  @Test
  void rotate_orgToken_newTokenInCircleCiOldOneDeletedAfterTheGraceNoLink() throws Exception {
    // given
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    String old = hub.orgTokens().get(0).token();
    int linksBefore = flow.linksTo(Flow.APPROVER).size();

    // when
    flow.rotate(Flow.APPROVER, false);

    // then: the new token is written and read back; the old one lives through the grace period
    flow.awaitThread("read back: CircleCI shows the new token");
    Await.until(() -> hub.orgTokens().size() == 2, Flow.LONG, () -> "two tokens during the grace");
    String fresh = hub.orgTokens().stream().map(FakeDockerHub.OrgToken::token)
        .filter(token -> !token.equals(old)).findFirst().orElseThrow();
    assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE))
        .isEqualTo(Map.of("DOCKER_USER", TestBot.ORG, "DOCKER_ACCESS_TOKEN", fresh));
    flow.awaitCard("Grace period for running jobs over*: The old token lives on");
    assertThat(flow.request().state()).isEqualTo(RequestState.ROTATING);

    // when: the grace period is over
    flow.bot().clock().advance(Duration.ofMinutes(61));

    // then
    flow.awaitState(RequestState.DONE);
    assertThat(hub.orgTokens()).singleElement().satisfies(token -> {
      assertThat(token.token()).isEqualTo(fresh);
      assertThat(token.label()).isEqualTo("circleci-opg-refunds-r" + flow.id() + "-g2");
      assertThat(token.resources()).extracting(FakeDockerHub.Resource::path)
          .containsExactly("*/*/public", "exampleorg/*");
    });
    flow.awaitThread("Rotation done: CircleCI holds the new token and the old one is deleted.");
    flow.awaitToldRequester("was rotated: CircleCI holds the new one");
    assertThat(flow.linksTo(Flow.APPROVER)).hasSize(linksBefore);
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("ROTATE", "ROTATED");
    assertNoTokenIn(flow.thread(), old, fresh);
    assertNoTokenIn(flow.toldRequester(), old, fresh);
    flow.awaitCard("*Rotation* — done");
    assertThat(flow.lastCard()).contains(":key: The token expires", ", last rotated <!date^")
        .doesNotContain(":white_small_square:");
    System.out.println("Thread after a rotation:\n" + String.join("\n", flow.thread()));
    System.out.println("Card after a rotation:\n" + flow.lastCard());
  }

  @Test
  void rotate_approverTicksTheBox_aOneTimeLinkWithTheNewTokenToThatApproverOnly() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    running.slack().channelMembers(java.util.Set.of(Flow.REQUESTER, Flow.APPROVER,
        Flow.OTHER_APPROVER, FakeSlack.BOT_USER));

    flow.rotate(Flow.OTHER_APPROVER, true);
    flow.awaitThread("read back: CircleCI shows the new token");
    flow.bot().clock().advance(Duration.ofMinutes(61));

    flow.awaitThread("Sent <@" + Flow.OTHER_APPROVER + "> the new token in a one-time link");
    String text = Await.first(() -> flow.linksTo(Flow.OTHER_APPROVER).stream()
        .filter(t -> t.contains("New token for")).findFirst(), "the new token's link");
    String inCircleCi = flow.bot().circleci().projectVariables(Flow.PIPELINE)
        .get("DOCKER_ACCESS_TOKEN");
    assertThat(OpenedLinks.field(OpenedLinks.open(flow.bot().secretLinks(), text),
        "Access token (DOCKER_ACCESS_TOKEN)")).isEqualTo(inCircleCi);
    assertThat(flow.linksTo(Flow.APPROVER)).noneMatch(t -> t.contains("New token for"));
  }

  @Test
  void rotate_requesterTicksTheBox_rotatesButSendsNoLink() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    int linksBefore = flow.slack().calls("chat.postEphemeral").size();

    flow.rotate(Flow.REQUESTER, true);

    flow.awaitDirect(Flow.REQUESTER, "only an approver who is not the requester");
    flow.awaitThread("read back: CircleCI shows the new token");
    flow.bot().clock().advance(Duration.ofMinutes(61));
    flow.awaitState(RequestState.DONE);
    assertThat(hub.orgTokens()).hasSize(1);
    assertThat(flow.slack().calls("chat.postEphemeral").stream().skip(linksBefore)
        .map(call -> call.param("text"))).noneMatch(t -> t.contains("/s/"));
  }

  @Test
  void rotate_whileARotationRuns_isRefusedWithTheReason() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    flow.rotate(Flow.APPROVER, false);
    flow.awaitCard("Grace period for running jobs over*: The old token lives on");

    flow.rotate(Flow.OTHER_APPROVER, false);

    flow.awaitDirect(Flow.OTHER_APPROVER, "is already being worked on (a rotate is running)");
    assertThat(hub.orgTokens()).hasSize(2);
  }

  @Test
  void rotateCommand_bySomeoneElse_refusedWithoutAModal() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    int views = flow.slack().calls("views.open").size();

    String answer = flow.command("U0STRANGER", "rotate " + Flow.PIPELINE);

    assertThat(answer).contains("Only webops approvers or the requester can rotate its token");
    assertThat(flow.slack().calls("views.open")).hasSize(views);
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("ROTATE_REFUSED");
  }

  @Test
  void rotateCommand_byTheRequester_opensTheConfirmation() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);

    flow.command(Flow.REQUESTER, "rotate " + Flow.PIPELINE);

    assertThat(flow.slack().calls("views.open")).last()
        .satisfies(call -> assertThat(call.param("view")).contains("rotate-modal",
            "Rotating request #" + flow.id()));
  }

  @Test
  void rotate_intoAContext_theContextHoldsTheNewTokenReadBackByName() throws Exception {
    flow.submitAndApprove(Flow.orgToken().with("context", "Docker Hub"));
    flow.awaitState(RequestState.DONE);
    String old = hub.orgTokens().get(0).token();

    flow.rotate(Flow.APPROVER, false);
    flow.awaitThread("read back: both updated in the context");
    flow.bot().clock().advance(Duration.ofMinutes(61));

    flow.awaitState(RequestState.DONE);
    assertThat(hub.orgTokens()).singleElement().satisfies(token -> {
      assertThat(token.token()).isNotEqualTo(old);
      assertThat(flow.bot().circleci().contextVariables("Docker Hub")).isEqualTo(
          Map.of("DOCKER_USER", TestBot.ORG, "DOCKER_ACCESS_TOKEN", token.token()));
    });
    assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE)).isEmpty();
  }

  @Test
  void rotate_serviceUser_newPersonalTokenByTheKeptPasswordOldOneDeleted() throws Exception {
    String dockerId = flow.serviceUserDone();
    String old = hub.personalTokens(dockerId).get(0).token();

    flow.rotate(Flow.APPROVER, false);
    flow.awaitThread("read back: CircleCI shows the new token");
    flow.bot().clock().advance(Duration.ofMinutes(61));

    flow.awaitState(RequestState.DONE);
    assertThat(hub.personalTokens(dockerId)).singleElement().satisfies(token -> {
      assertThat(token.token()).isNotEqualTo(old);
      assertThat(token.label()).isEqualTo("circleci-opg-refunds-r" + flow.id() + "-g2");
      assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE))
          .isEqualTo(Map.of("DOCKER_USER", dockerId, "DOCKER_ACCESS_TOKEN", token.token()));
    });
    assertThat(hub.teamMembers()).containsExactly(dockerId);
    assertNoTokenIn(flow.thread(), old, hub.personalTokens(dockerId).get(0).token());
  }

  private static void assertNoTokenIn(java.util.List<String> texts, String... tokens) {
    for (String token : tokens) {
      assertThat(texts).noneMatch(text -> text.contains(token));
    }
  }
}

package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.RequestState;

/** The organisation-token flow end to end: signed Slack requests in, fake APIs on loopback. */
class OrgTokenProvisioningIT {
  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
  }

  @Test
  void approve_orgToken_tokenVariablesLinkAndDoneWithNoPersonInvolved() throws Exception {
    // when
    flow.submitAndApprove(Flow.orgToken());

    // then
    flow.awaitState(RequestState.DONE);
    FakeDockerHub hub = flow.bot().dockerhub();
    assertThat(hub.orgTokens()).singleElement().satisfies(token -> {
      assertThat(token.label()).isEqualTo("circleci-opg-refunds-r" + flow.id() + "-g1");
      assertThat(token.active()).isTrue();
      assertThat(token.resources()).extracting(FakeDockerHub.Resource::path)
          .containsExactly("*/*/public", "exampleorg/*");
      assertThat(token.resources()).allSatisfy(resource ->
          assertThat(resource.scopes()).containsExactly("scope-image-pull"));
      assertThat(token.expiresAt()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(89)));
    });
    String token = hub.orgTokens().get(0).token();
    assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE)).isEqualTo(Map.of(
        "DOCKER_USER", TestBot.ORG, "DOCKER_ACCESS_TOKEN", token));
    JsonNode link = flow.openLink("Credentials for");
    assertThat(OpenedLinks.field(link, "Organisation access token")).isEqualTo(token);
    assertThat(link.path("authSnippet").asText()).contains("username: $DOCKER_USER");
    assertThat(flow.awaitToldRequester("is done:"))
        .contains("auth:\n  username: $DOCKER_USER\n  password: $DOCKER_ACCESS_TOKEN");
    flow.awaitCard("Progress* — done");
    assertThat(flow.lastCard()).contains(":white_check_mark: Organisation access token created",
        ":white_check_mark: CircleCI variables written",
        ":white_check_mark: One-time link delivered").doesNotContain(":white_small_square:");
    flow.awaitThread("Created organisation access token");
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("APPROVED", "RUN_STARTED", "secret-link-created", "DONE");
    System.out.println("Card when done:\n" + flow.lastCard());
  }

  @Test
  void statusCommand_afterTheRun_showsTheCredentialNotTheFinishedSteps() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);

    try (Response response = flow.bot().send(SlackRequests.slashCommand(Flow.REQUESTER,
        Flow.ORIGIN, "status " + Flow.PIPELINE, flow.slack().responseUrl("status")))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("*State:* done",
          "*Token:* `circleci-opg-refunds-r" + flow.id() + "-g1`").doesNotContain("*Progress*");
    }
  }
}

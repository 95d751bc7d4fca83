package org.webops.dockerhubbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.ConfigException;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Without an approver group, channel members approve only once Slack has confirmed the approval
 * channel is private: anyone in the workspace can join a public one.
 */
class ApprovalChannelIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUESTER = "U0REQUESTER";
  private static final String APPROVER = "U0APPROVER";

  @TempDir Path dir;
  private FakeSlack slack;
  private TestBot bot;

  @BeforeEach
  void slack() throws Exception {
    slack = new FakeSlack();
    slack.channelMembers(Set.of(REQUESTER, APPROVER, FakeSlack.BOT_USER));
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    slack.close();
  }

  @Test
  void startUp_publicApprovalChannelAndNoGroup_refusedSayingWhatToChange() {
    slack.channelPrivate(TestBot.APPROVAL_CHANNEL, false);

    assertThatThrownBy(() -> bot = new TestBot(dir, slack, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLACK_APPROVAL_CHANNEL " + TestBot.APPROVAL_CHANNEL
            + " is a public channel")
        .hasMessageContaining("Set SLACK_APPROVER_GROUP")
        .hasMessageContaining("make the channel private");
  }

  @Test
  void startUp_publicChannelButAnApproverGroup_startsWithoutAsking() throws Exception {
    slack.channelPrivate(TestBot.APPROVAL_CHANNEL, false);

    bot = new TestBot(dir, slack, Map.of("SLACK_APPROVER_GROUP", "S0APPROVERS"));

    assertThat(slack.calls("conversations.info")).isEmpty();
    assertThat(health().path("status").asText()).isEqualTo("ok");
  }

  @Test
  void startUp_slackDoesNotSay_degradedAndNobodyApprovesUntilItHasConfirmed() throws Exception {
    // given: Slack cannot answer conversations.info at start-up
    slack.answer("conversations.info", call -> "{\"ok\":false,\"error\":\"internal_error\"}");
    bot = new TestBot(dir, slack, Map.of());
    JsonNode degraded = health();
    assertThat(degraded.path("status").asText()).isEqualTo("degraded");
    assertThat(degraded.path("approvers").asText()).contains("internal_error",
        "asking again every minute");

    // when: an approver clicks Approve meanwhile
    ProvisioningRequest request = pendingRequest();
    click(request, "early");

    // then: refused, nothing decided
    String refusal = Await.first(() -> slack.calls("respond/early").stream().findFirst()
        .map(FakeSlack.Call::body), "the clicker's answer");
    assertThat(refusal).contains("Nobody can approve right now", "private");
    assertThat(bot.requests().find(request.id()).orElseThrow().state())
        .isEqualTo(RequestState.PENDING_APPROVAL);

    // when: Slack answers again (the channel is private) and the bot has asked again
    slack.answer("conversations.info", call -> "{\"ok\":true,\"channel\":{\"id\":\""
        + TestBot.APPROVAL_CHANNEL + "\",\"is_channel\":true,\"is_private\":true}}");
    Await.until(() -> health().path("status").asText().equals("ok"), Duration.ofSeconds(10),
        () -> "the approvers confirmed; health " + health());
    click(request, "later");

    // then
    Await.until(() -> bot.requests().find(request.id()).orElseThrow().state()
            != RequestState.PENDING_APPROVAL, Duration.ofSeconds(10), () -> "the approval");
    assertThat(health().path("approvers").asText()).isEqualTo("ok");
  }

  private void click(ProvisioningRequest request, String name) throws Exception {
    var card = request.card().orElseThrow();
    try (Response response = bot.send(SlackRequests.blockAction(APPROVER, "approve-action",
        Long.toString(request.id()), card.channel(), card.ts(), slack.responseUrl(name)))) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  private ProvisioningRequest pendingRequest() throws Exception {
    try (Response response = bot.send(ModalValues.valid().submittedBy(REQUESTER, "C0GENERAL"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    return Await.first(() -> bot.requests().findLive("gh/example/app", java.util.Optional.empty())
        .filter(r -> r.card().isPresent()), "the request's card");
  }

  private JsonNode health() {
    try (Response response = bot.get("/health")) {
      assertThat(response.code()).isEqualTo(200);
      return JSON.readTree(response.body().string());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

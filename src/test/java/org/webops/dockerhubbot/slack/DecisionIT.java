package org.webops.dockerhubbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;

class DecisionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUESTER = "U0REQUESTER";
  private static final String APPROVER = "U0APPROVER";
  private static final String OUTSIDER = "U0OUTSIDER";

  @RegisterExtension final RunningBot running = new RunningBot();
  private FakeSlack slack;
  private TestBot bot;

  @BeforeEach
  void start() {
    slack = running.slack();
    bot = running.bot();
    slack.channelMembers(Set.of(REQUESTER, APPROVER, FakeSlack.BOT_USER));
  }

  @Test
  void approve_byApprover_oneDecisionCardRewrittenRequesterTold() throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();

    // when
    click(APPROVER, "approve-action", request, "approve");

    // then
    FakeSlack.Call update = slack.await("chat.update", 1).get(0);
    MessageRef card = request.card().orElseThrow();
    assertThat(update.param("channel")).isEqualTo(card.channel());
    assertThat(update.param("ts")).isEqualTo(card.ts());
    String blocks = JSON.readTree(update.param("blocks")).toString();
    assertThat(blocks).doesNotContain("approve-action", "reject-action")
        .contains("Approved by <@" + APPROVER + "> at <!date^");
    ProvisioningRequest decided = bot.requests().find(request.id()).orElseThrow();
    assertThat(decided.state()).isIn(RequestState.APPROVED, RequestState.IN_PROGRESS,
        RequestState.DONE); // provisioning starts at once
    assertThat(decided.decision().orElseThrow().by()).isEqualTo(APPROVER);
    assertThat(bot.audit().forRequest(request.id())).extracting(AuditEvent::action)
        .startsWith("REQUESTED", "APPROVED");
    slack.awaitDirect(REQUESTER, "was approved by <@" + APPROVER + ">");
  }

  @Test
  void approve_cardUpdateFails_requesterStillToldAndTheSweepRewritesTheCardAfterRestart()
      throws Exception {
    // given: Slack refuses the card update once
    ProvisioningRequest request = pendingRequest();
    slack.answer("chat.update", call -> "{\"ok\":false,\"error\":\"internal_error\"}");

    // when
    click(APPROVER, "approve-action", request, "approve");

    // then: the decision stands and the requester hears of it
    slack.awaitDirect(REQUESTER, "was approved by"); // despite the failed card update
    assertThat(bot.cards().withStaleCard(10)).extracting(ProvisioningRequest::id)
        .containsExactly(request.id());

    // when: Slack answers again and the bot restarts
    slack.answer("chat.update", call -> "{\"ok\":true,\"channel\":\"" + call.param("channel")
        + "\",\"ts\":\"" + call.param("ts") + "\"}");
    bot.restart();

    // then
    List<FakeSlack.Call> updates = slack.await("chat.update", 2);
    assertThat(JSON.readTree(updates.get(1).param("blocks")).toString())
        .contains("Approved by <@" + APPROVER + ">").doesNotContain("approve-action");
    Await.until(() -> bot.cards().withStaleCard(10).isEmpty(), Duration.ofSeconds(10),
        () -> "card recorded as showing the approval");
  }

  @Test
  void approve_byRequesterWhoIsAnApprover_refusedStateUnchanged() throws Exception {
    assertApprovalRefused(REQUESTER, "yourself");
  }

  @Test
  void approve_byNonApprover_refusedStateUnchanged() throws Exception {
    assertApprovalRefused(OUTSIDER, "Only webops approvers");
  }

  @Test
  void approve_approverGroupConfigured_usesGroupMembersNotChannel() throws Exception {
    // given: the approver is in the channel but not in the group; the outsider is in the group
    bot = running.restartWith(Map.of("SLACK_APPROVER_GROUP", "S0WEBOPS"));
    slack.approverGroup(Set.of(OUTSIDER));
    ProvisioningRequest request = pendingRequest();

    // when
    click(APPROVER, "approve-action", request, "by-channel-member");
    slack.await("respond/by-channel-member", 1);
    click(OUTSIDER, "approve-action", request, "by-group-member");

    // then
    slack.await("chat.update", 1);
    assertThat(bot.requests().find(request.id()).orElseThrow().decision().orElseThrow().by())
        .isEqualTo(OUTSIDER);
    assertThat(slack.calls("usergroups.users.list")).isNotEmpty()
        .allSatisfy(call -> assertThat(call.param("usergroup")).isEqualTo("S0WEBOPS"));
    assertThat(slack.calls("conversations.members")).isEmpty();
  }

  @Test
  void approve_slackCannotListApprovers_clickerToldToRetryStateUnchanged() throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();
    slack.answer("conversations.members", call -> "{\"ok\":false,\"error\":\"ratelimited\"}");

    // when
    click(APPROVER, "approve-action", request, "no-check");

    // then
    assertThat(JSON.readTree(slack.await("respond/no-check", 1).get(0).body()).path("text").asText())
        .contains("could not check the approver group");
    assertThat(bot.requests().find(request.id()).orElseThrow().state())
        .isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(slack.calls("chat.update")).isEmpty();
  }

  @Test
  void approve_tenConcurrentClicks_exactlyOneDecisionAndOneRun() throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();
    int clicks = 10;
    ExecutorService clickers = Executors.newFixedThreadPool(clicks);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();

    // when
    for (int i = 0; i < clicks; i++) {
      String body = SlackRequests.blockAction(APPROVER, "approve-action",
          Long.toString(request.id()), request.card().get().channel(), request.card().get().ts(),
          slack.responseUrl("click-" + i));
      statuses.add(clickers.submit(() -> {
        go.await();
        try (Response response = bot.send(body)) {
          return response.code();
        }
      }));
    }
    go.countDown();
    for (Future<Integer> status : statuses) {
      assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
    clickers.shutdown();

    // then: nine clicks hear "already approved", one made the decision
    Await.until(() -> slack.calls().stream().filter(call -> call.method().startsWith("respond/"))
            .count() == clicks - 1, Duration.ofSeconds(10), () -> "nine refusals answered");
    Await.until(() -> bot.requests().find(request.id()).orElseThrow().state()
        == RequestState.DONE, Duration.ofSeconds(10), () -> "the one run finished");
    assertThat(bot.audit().forRequest(request.id())).extracting(AuditEvent::action)
        .filteredOn(action -> action.equals("APPROVED") || action.equals("RUN_STARTED"))
        .containsExactly("APPROVED", "RUN_STARTED");
    assertThat(bot.dockerhub().orgTokens()).hasSize(1);
    assertThat(slack.calls().stream().filter(call -> call.method().startsWith("respond/")))
        .allSatisfy(call -> assertThat(call.body()).contains("already approved"));
  }

  @Test
  void reject_byApproverWithReason_cardShowsReasonRequesterToldPipelineFreed() throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();

    // when: the Reject button opens the reason modal
    click(APPROVER, "reject-action", request, "reject");
    FakeSlack.Call opened = slack.await("views.open", 1).get(0);
    assertThat(JSON.readTree(opened.param("view")).path("callback_id").asText())
        .isEqualTo("reject-modal");
    try (Response response = bot.send(rejectSubmission(APPROVER, request.id(), "Use the shared context instead."))) {
      assertThat(response.code()).isEqualTo(200);
    }

    // then
    String blocks = JSON.readTree(slack.await("chat.update", 1).get(0).param("blocks")).toString();
    assertThat(blocks).doesNotContain("approve-action")
        .contains("Rejected by <@" + APPROVER + ">", "Use the shared context instead.");
    ProvisioningRequest decided = bot.requests().find(request.id()).orElseThrow();
    assertThat(decided.state()).isEqualTo(RequestState.REJECTED);
    assertThat(decided.decision().orElseThrow().note()).contains("Use the shared context instead.");
    slack.awaitDirect(REQUESTER, "was rejected by");
    assertThat(bot.requests().findLive("gh/example/app", java.util.Optional.empty())).isEmpty();
  }

  @Test
  void reject_emptyReason_errorOnReasonFieldStateUnchanged() throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();

    // when
    try (Response response = bot.send(rejectSubmission(APPROVER, request.id(), "  "))) {
      // then
      assertThat(JSON.readTree(response.body().string()).path("errors")
          .path("reject-reason-block").asText()).isNotBlank();
    }
    assertThat(bot.requests().find(request.id()).orElseThrow().state())
        .isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void reject_byNonApprover_refusedEphemerallyStateUnchanged() throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();

    // when
    try (Response response = bot.send(rejectSubmission(OUTSIDER, request.id(), "No."))) {
      assertThat(response.code()).isEqualTo(200);
    }

    // then
    Await.until(() -> slack.calls("chat.postEphemeral").stream()
            .anyMatch(call -> OUTSIDER.equals(call.param("user"))),
        Duration.ofSeconds(10), () -> "outsider told");
    assertThat(bot.requests().find(request.id()).orElseThrow().state())
        .isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(slack.calls("chat.update")).isEmpty();
    assertThat(bot.audit().forRequest(request.id())).extracting(AuditEvent::action)
        .containsExactly("REQUESTED", "REJECT_REFUSED");
  }

  @Test
  void rejectButton_requestAlreadyApproved_noModalAndClickerTold() throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();
    click(APPROVER, "approve-action", request, "approve");
    slack.await("chat.update", 1);

    // when
    click(APPROVER, "reject-action", request, "late-reject");

    // then
    assertThat(slack.await("respond/late-reject", 1).get(0).body()).contains("already approved");
    assertThat(slack.calls("views.open")).isEmpty();
  }

  private void assertApprovalRefused(String clicker, String why) throws Exception {
    // given
    ProvisioningRequest request = pendingRequest();

    // when
    click(clicker, "approve-action", request, "refused");

    // then
    FakeSlack.Call refusal = slack.await("respond/refused", 1).get(0);
    assertThat(JSON.readTree(refusal.body()).path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(JSON.readTree(refusal.body()).path("text").asText()).contains(why);
    assertThat(bot.requests().find(request.id()).orElseThrow().state())
        .isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(slack.calls("chat.update")).isEmpty();
    assertThat(bot.audit().forRequest(request.id())).extracting(AuditEvent::action)
        .containsExactly("REQUESTED", "APPROVE_REFUSED");
  }

  private void click(String user, String action, ProvisioningRequest request, String responseName)
      throws Exception {
    MessageRef card = request.card().orElseThrow();
    try (Response response = bot.send(SlackRequests.blockAction(user, action,
        Long.toString(request.id()), card.channel(), card.ts(), slack.responseUrl(responseName)))) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  private static String rejectSubmission(String user, long requestId, String reason) {
    ObjectNode values = JSON.createObjectNode();
    values.putObject("reject-reason-block").set("reject-reason-action", SlackRequests.textValue(reason));
    return SlackRequests.viewSubmission(user, "reject-modal", Long.toString(requestId), values);
  }

  private ProvisioningRequest pendingRequest() throws Exception {
    try (Response response = bot.send(ModalValues.valid().submittedBy(REQUESTER, "C0GENERAL"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    Await.until(() -> bot.requests().findLive("gh/example/app", java.util.Optional.empty())
            .flatMap(ProvisioningRequest::card).isPresent(),
        Duration.ofSeconds(10), () -> "card stored");
    slack.awaitDirect(REQUESTER, "waits for approval");
    return bot.requests().findLive("gh/example/app", java.util.Optional.empty()).orElseThrow();
  }
}

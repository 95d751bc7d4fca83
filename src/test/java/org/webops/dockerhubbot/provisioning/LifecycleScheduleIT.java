package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * What happens as time passes, by moving the bots' clocks: reminders while a request waits, its
 * lapse, reminders before a token expires, the expiry itself, automatic rotation; and the
 * requester's withdrawal.
 */
class LifecycleScheduleIT {
  private static final String ROTATE_BUTTON = "\"action_id\":\"rotate-action\"";

  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
  }

  @Test
  void withdraw_byTheRequester_cardRewrittenPipelineFree() throws Exception {
    flow.submit(Flow.orgToken());

    String answer = flow.command(Flow.REQUESTER, "withdraw " + Flow.PIPELINE);

    assertThat(answer).contains("Withdrawn: request #" + flow.id());
    assertThat(flow.request().state()).isEqualTo(RequestState.WITHDRAWN);
    flow.awaitCard("Withdrawn by <@" + Flow.REQUESTER + ">");
    assertThat(flow.lastCardJson()).doesNotContain("approve-action");
    assertThat(flow.bot().requests().findLive(Flow.PIPELINE, Optional.empty())).isEmpty();
  }

  @Test
  void withdraw_bySomeoneElse_refusedAndStillWaiting() throws Exception {
    flow.submit(Flow.orgToken());

    String answer = flow.command(Flow.APPROVER, "withdraw " + Flow.PIPELINE);

    assertThat(answer).contains("Only the requester can withdraw request #" + flow.id());
    assertThat(flow.request().state()).isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void twoInstances_pendingRequest_eachReminderOnceThenItLapses() throws Exception {
    // given: a second instance on the same database and the same Slack
    try (TestBot second = new TestBot(running.dataDir(), running.slack(), Map.of())) {
      flow.submit(Flow.orgToken());

      // when: four hours pass on both
      advanceBoth(second, Duration.ofHours(4).plusMinutes(1));

      // then
      flow.awaitThread("has waited 4 hours for a decision");

      // when: a day
      advanceBoth(second, Duration.ofHours(20));
      flow.awaitThread("has waited 24 hours for a decision");

      // when: past REQUEST_TTL (seven days)
      advanceBoth(second, Duration.ofDays(6));
      flow.awaitState(RequestState.LAPSED);
      flow.awaitToldRequester("expired without a decision; nothing was made");

      // then: each reminder went out once, although both instances looked every 200 ms
      assertThat(flow.thread()).filteredOn(text -> text.contains("has waited 4 hours"))
          .hasSize(1);
      assertThat(flow.thread()).filteredOn(text -> text.contains("has waited 24 hours"))
          .hasSize(1);
      assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
          .containsSubsequence("REQUESTED", "REMINDED", "REMINDED", "LAPSED");
      assertThat(flow.bot().requests().findLive(Flow.PIPELINE, Optional.empty())).isEmpty();
    }
  }

  @Test
  void autoRotationOff_remindersBeforeExpiry_thenExpired_thenRotatedBack() throws Exception {
    running.restartWith(Map.of("AUTO_ROTATE_BEFORE", "P0D", "ROTATION_GRACE", "PT0S"));
    flow = new Flow(running);
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    FakeDockerHub hub = flow.bot().dockerhub();
    String dead = hub.orgTokens().get(0).token();
    Instant expires = hub.orgTokens().get(0).expiresAt();

    // when: two weeks before the expiry
    moveTo(expires.minus(Duration.ofDays(14)).plusSeconds(60));

    // then: in the thread and to the requester, each with a Rotate button
    flow.awaitThread("(in 13 days). Nothing rotates it by itself.");
    flow.awaitToldRequester("(in 13 days)");
    assertThat(noticeBlocksWith("(in 13 days)")).allMatch(blocks -> blocks.contains(ROTATE_BUTTON))
        .hasSize(2);

    // when: three days, then one day before
    moveTo(expires.minus(Duration.ofDays(3)).plusSeconds(60));
    flow.awaitThread("(in 2 days)");
    moveTo(expires.minus(Duration.ofDays(1)).plusSeconds(60));
    flow.awaitThread("(in 0 days)");

    // when: it expires
    moveTo(expires.plusSeconds(60));

    // then
    flow.awaitState(RequestState.EXPIRED);
    flow.awaitThread("has expired: pulls with it fail now");
    flow.awaitToldRequester("has expired");
    flow.awaitCard(":warning: *Expired* on");
    assertThat(flow.lastCardJson()).contains(ROTATE_BUTTON);
    assertThat(flow.thread()).filteredOn(text -> text.contains(":alarm_clock:")).hasSize(3);

    // when: rotated after all
    flow.rotate(Flow.APPROVER, false);

    // then: a live token again, the dead one deleted, the pipeline kept throughout
    flow.awaitState(RequestState.DONE);
    assertThat(hub.orgTokens()).singleElement().satisfies(token -> {
      assertThat(token.token()).isNotEqualTo(dead);
      assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE))
          .containsEntry("DOCKER_ACCESS_TOKEN", token.token());
    });
  }

  @Test
  void autoRotation_sevenDaysBeforeExpiry_rotatesAnnouncesAndSendsNoLink() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    FakeDockerHub hub = flow.bot().dockerhub();
    Instant expires = hub.orgTokens().get(0).expiresAt();
    String old = hub.orgTokens().get(0).token();
    int ephemeralsBefore = flow.slack().calls("chat.postEphemeral").size();

    // when: seven days before the expiry, then past the grace period
    moveTo(expires.minus(Duration.ofDays(7)).plusSeconds(60));
    flow.awaitThread("Rotating the token automatically: it expires");
    flow.awaitThread("read back: CircleCI shows the new token");
    flow.bot().clock().advance(Duration.ofMinutes(61));

    // then
    flow.awaitState(RequestState.DONE);
    assertThat(hub.orgTokens()).singleElement().satisfies(token -> {
      assertThat(token.token()).isNotEqualTo(old);
      assertThat(token.expiresAt()).isAfter(expires.plus(Duration.ofDays(80)));
    });
    flow.awaitToldRequester("was rotated");
    assertThat(flow.slack().calls("chat.postEphemeral").stream().skip(ephemeralsBefore)
        .map(call -> call.param("text"))).noneMatch(text -> text.contains("/s/"));
    assertThat(flow.thread()).noneMatch(text -> text.contains(":alarm_clock:"));
    assertThat(flow.bot().audit().forRequest(flow.id()))
        .filteredOn(event -> event.action().equals("ROTATE"))
        .singleElement().satisfies(event -> assertThat(event.actor()).isEqualTo("bot"));
  }

  private void moveTo(Instant when) {
    Duration ahead = Duration.between(flow.bot().clock().instant(), when);
    if (!ahead.isNegative()) {
      flow.bot().clock().advance(ahead);
    }
  }

  private void advanceBoth(TestBot second, Duration by) {
    flow.bot().clock().advance(by);
    second.clock().advance(by);
  }

  /** The blocks of each message, thread reply or direct message, whose text holds this. */
  private List<String> noticeBlocksWith(String text) {
    return flow.slack().calls("chat.postMessage").stream()
        .filter(call -> call.param("text") != null && call.param("text").contains(text))
        .map(call -> String.valueOf(call.param("blocks"))).toList();
  }
}

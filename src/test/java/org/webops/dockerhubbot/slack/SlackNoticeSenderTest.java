package org.webops.dockerhubbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.Prewritten;
import org.webops.dockerhubbot.notices.NoticeSender;
import org.webops.dockerhubbot.notices.PendingNotice;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;

/** Outbox notices reach Slack once: a thread reply already there is not posted again. */
class SlackNoticeSenderTest {
  private static final String CHANNEL = "C0APPROVAL";
  private FakeSlack slack;
  private SlackMessenger messenger;
  private final RequestRepository requests = mock(RequestRepository.class);
  private MessageRef card;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    messenger = new SlackMessenger(slack.sdk().methods("xoxb-test"));
    card = messenger.post(CHANNEL, "card", List.of());
    when(requests.find(7)).thenReturn(Optional.of(request(Optional.of(card))));
    when(requests.find(8)).thenReturn(Optional.of(request(Optional.empty())));
  }

  @AfterEach
  void tearDown() {
    slack.close();
  }

  @Test
  void send_threadNotice_repliesUnderTheCardMarkedWithItsId() {
    NoticeSender.Result result = sender().send(pending(41, Notice.thread(7, new Prewritten("step done")), 0));

    assertThat(result).isEqualTo(NoticeSender.Result.DELIVERED);
    assertThat(replies()).singleElement().satisfies(reply -> {
      assertThat(reply.text()).isEqualTo("step done");
      assertThat(reply.metadata()).contains("request_notice_posted", "\"notice_id\":\"41\"");
    });
  }

  @Test
  void send_againAfterACrashThatFollowedTheFirstSend_notPostedTwice() {
    sender().send(pending(41, Notice.thread(7, new Prewritten("step done")), 0));
    int callsBefore = slack.calls("chat.postMessage").size();

    NoticeSender.Result again = sender().send(pending(41, Notice.thread(7, new Prewritten("step done")), 1));

    assertThat(again).isEqualTo(NoticeSender.Result.DELIVERED);
    assertThat(replies()).hasSize(1);
    assertThat(slack.calls("chat.postMessage")).hasSize(callsBefore);
    assertThat(slack.calls("conversations.replies")).singleElement()
        .satisfies(call -> assertThat(call.param("include_all_metadata")).isEqualTo("1"));
  }

  @Test
  void send_triedBeforeButTheFirstNeverReachedSlack_postedNow() {
    sender().send(pending(40, Notice.thread(7, new Prewritten("an earlier one")), 0));

    sender().send(pending(41, Notice.thread(7, new Prewritten("step done")), 1));

    assertThat(replies()).extracting(FakeSlack.Message::text)
        .containsExactly("an earlier one", "step done");
  }

  @Test
  void send_requesterNotice_aDirectMessageNotAnEphemeral() {
    NoticeSender.Result result = sender().send(pending(42, Notice.requester(7, new Prewritten("done")), 0));

    assertThat(result).isEqualTo(NoticeSender.Result.DELIVERED);
    assertThat(slack.directMessages("U0REQUESTER")).singleElement()
        .satisfies(call -> assertThat(call.param("text")).isEqualTo("done"));
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
  }

  @Test
  void send_cardNotPostedYet_triedLaterWithNothingSent() {
    NoticeSender.Result result = sender().send(pending(43, Notice.thread(8, new Prewritten("early")), 0));

    assertThat(result).isEqualTo(NoticeSender.Result.RETRY);
    assertThat(replies()).isEmpty();
  }

  private SlackNoticeSender sender() {
    return new SlackNoticeSender(messenger, requests, "C0APPROVAL");
  }

  private List<FakeSlack.Message> replies() {
    return slack.messages(CHANNEL).stream().filter(m -> card.ts().equals(m.threadTs())).toList();
  }

  private static PendingNotice pending(long id, Notice notice, int earlierTries) {
    return new PendingNotice(id, notice, earlierTries);
  }

  private static ProvisioningRequest request(Optional<MessageRef> card) {
    RequestSpec spec = new RequestSpec("gh/example/app", CredentialKind.ORG_TOKEN,
        TokenScope.READ_ONLY, List.of("*/*/public"), Optional.empty(), "DOCKER_USER",
        "DOCKER_ACCESS_TOKEN", 90, "test");
    return new ProvisioningRequest(7, "U0REQUESTER", Optional.empty(), spec, false,
        RequestState.IN_PROGRESS, Optional.empty(), card, Instant.now(), Optional.empty());
  }
}

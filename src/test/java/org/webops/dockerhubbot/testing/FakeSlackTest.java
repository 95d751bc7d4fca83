package org.webops.dockerhubbot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FakeSlack}'s message store, history, replies, info and holds, through Slack's own SDK. */
class FakeSlackTest {
  private static final String CHANNEL = "C0WEBOPS";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private FakeSlack fake;
  private MethodsClient slack;
  private final ExecutorService background = Executors.newCachedThreadPool();

  @BeforeEach
  void start() throws IOException {
    fake = new FakeSlack();
    slack = fake.sdk().methods("xoxb-test");
  }

  @AfterEach
  void stop() {
    fake.close();
    background.shutdownNow();
  }

  private String post(String channel, String text, Integer requestId) throws Exception {
    ChatPostMessageResponse response = slack.chatPostMessage(r -> {
      r.channel(channel).text(text);
      if (requestId != null) {
        r.metadata(new Message.Metadata("dockerhub_user_request", Map.of("request_id", requestId)));
      }
      return r;
    });
    assertThat(response.isOk()).as(response.getError()).isTrue();
    return response.getTs();
  }

  private String reply(String channel, String threadTs, String text, int requestId)
      throws Exception {
    ChatPostMessageResponse response = slack.chatPostMessage(r -> r.channel(channel)
        .threadTs(threadTs).text(text)
        .metadata(new Message.Metadata("dockerhub_user_step", Map.of("request_id", requestId))));
    assertThat(response.isOk()).as(response.getError()).isTrue();
    return response.getTs();
  }

  private static Object requestId(Message message) {
    return ((Number) message.getMetadata().getEventPayload().get("request_id")).intValue();
  }

  @Test
  void postMessage_storesTheMessageWithResolvedChannelThreadAndMetadata() throws Exception {
    String first = post(CHANNEL, "first", 7);
    String dm = post("U0ALICE", "to alice", null);
    String inThread = reply(CHANNEL, first, "in thread", 7);
    fake.answer("chat.postMessage", call -> "{\"ok\":false,\"error\":\"ratelimited\"}");
    assertThat(slack.chatPostMessage(r -> r.channel(CHANNEL).text("refused")).isOk()).isFalse();

    assertThat(fake.messages()).extracting(FakeSlack.Message::channel, FakeSlack.Message::ts,
            FakeSlack.Message::threadTs, FakeSlack.Message::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CHANNEL, first, null, "first"),
            org.assertj.core.groups.Tuple.tuple("D0ALICE", dm, null, "to alice"),
            org.assertj.core.groups.Tuple.tuple(CHANNEL, inThread, first, "in thread"));
    assertThat(fake.messages().get(0).metadata()).isEqualTo(
        "{\"event_type\":\"dockerhub_user_request\",\"event_payload\":{\"request_id\":7}}");
    assertThat(fake.messages().get(1).metadata()).isNull();
    assertThat(fake.messages(CHANNEL)).extracting(FakeSlack.Message::text)
        .containsExactly("first", "in thread");
    assertThat(fake.messages("D0ALICE")).extracting(FakeSlack.Message::ts).containsExactly(dm);
    // the failed post is recorded as a call but is no message
    assertThat(fake.calls("chat.postMessage")).hasSize(4);
  }

  @Test
  void update_changesTheStoredTextAndMetadata() throws Exception {
    String ts = post(CHANNEL, "pending", 3);
    assertThat(slack.chatUpdate(r -> r.channel(CHANNEL).ts(ts).text("approved")).isOk()).isTrue();

    FakeSlack.Message message = fake.messages().get(0);
    assertThat(message.text()).isEqualTo("approved");
    assertThat(message.metadata()).contains("\"request_id\":3");
  }

  @Test
  void history_newestFirst_pagedByCursor_withMetadataOnlyWhenAsked() throws Exception {
    String one = post(CHANNEL, "one", 1);
    String two = post(CHANNEL, "two", 2);
    reply(CHANNEL, two, "a reply is not in the history", 2);
    String three = post(CHANNEL, "three", 3);
    post("C0OTHER", "elsewhere", 4);

    ConversationsHistoryResponse page1 = slack.conversationsHistory(r -> r.channel(CHANNEL)
        .includeAllMetadata(true).limit(2));
    assertThat(page1.isOk()).isTrue();
    assertThat(page1.getMessages()).extracting(Message::getTs).containsExactly(three, two);
    assertThat(page1.getMessages()).extracting(Message::getText).containsExactly("three", "two");
    assertThat(page1.getMessages()).extracting(FakeSlackTest::requestId).containsExactly(3, 2);
    assertThat(page1.getMessages().get(0).getMetadata().getEventType())
        .isEqualTo("dockerhub_user_request");
    assertThat(page1.getMessages().get(0).getUser()).isEqualTo(FakeSlack.BOT_USER);
    assertThat(page1.getMessages().get(0).getBotId()).isEqualTo("B0001");
    assertThat(page1.getMessages().get(1).getReplyCount()).isEqualTo(1);
    assertThat(page1.isHasMore()).isTrue();
    String cursor = page1.getResponseMetadata().getNextCursor();
    assertThat(cursor).isNotEmpty();

    ConversationsHistoryResponse page2 = slack.conversationsHistory(r -> r.channel(CHANNEL)
        .includeAllMetadata(true).limit(2).cursor(cursor));
    assertThat(page2.getMessages()).extracting(Message::getTs).containsExactly(one);
    assertThat(page2.getMessages()).extracting(FakeSlackTest::requestId).containsExactly(1);
    assertThat(page2.isHasMore()).isFalse();
    assertThat(page2.getResponseMetadata().getNextCursor()).isEmpty();

    ConversationsHistoryResponse withoutMetadata =
        slack.conversationsHistory(r -> r.channel(CHANNEL));
    assertThat(withoutMetadata.getMessages()).extracting(Message::getTs)
        .containsExactly(three, two, one);
    assertThat(withoutMetadata.getMessages()).allSatisfy(m -> assertThat(m.getMetadata()).isNull());

    assertThat(slack.conversationsHistory(r -> r.channel(CHANNEL).oldest(one).latest(three))
        .getMessages()).extracting(Message::getTs).containsExactly(two);
    assertThat(slack.conversationsHistory(r -> r.channel(CHANNEL).oldest(one).latest(three)
        .inclusive(true)).getMessages()).extracting(Message::getTs)
        .containsExactly(three, two, one);

    ConversationsHistoryResponse empty = slack.conversationsHistory(r -> r.channel("C0EMPTY"));
    assertThat(empty.isOk()).isTrue();
    assertThat(empty.getMessages()).isEmpty();
  }

  @Test
  void history_ofADirectMessage_isUnderTheDmChannel() throws Exception {
    String ts = post("U0ALICE", "hello", null);

    assertThat(slack.conversationsHistory(r -> r.channel("D0ALICE")).getMessages())
        .extracting(Message::getTs).containsExactly(ts);
    assertThat(slack.conversationsHistory(r -> r.channel("U0ALICE")).getMessages()).isEmpty();
  }

  @Test
  void replies_parentThenRepliesOldestFirst_paged() throws Exception {
    String parent = post(CHANNEL, "card", 5);
    String r1 = reply(CHANNEL, parent, "step 1", 5);
    post(CHANNEL, "another card", 6);
    String r2 = reply(CHANNEL, parent, "step 2", 5);
    String r3 = reply(CHANNEL, parent, "step 3", 5);

    ConversationsRepliesResponse page1 = slack.conversationsReplies(r -> r.channel(CHANNEL)
        .ts(parent).limit(2).includeAllMetadata(true));
    assertThat(page1.isOk()).isTrue();
    assertThat(page1.getMessages()).extracting(Message::getTs).containsExactly(parent, r1);
    assertThat(page1.getMessages()).extracting(Message::getThreadTs).containsOnly(parent);
    assertThat(page1.getMessages().get(1).getMetadata().getEventType())
        .isEqualTo("dockerhub_user_step");
    assertThat(page1.isHasMore()).isTrue();
    String cursor = page1.getResponseMetadata().getNextCursor();

    ConversationsRepliesResponse page2 = slack.conversationsReplies(r -> r.channel(CHANNEL)
        .ts(parent).limit(2).cursor(cursor));
    assertThat(page2.getMessages()).extracting(Message::getTs).containsExactly(r2, r3);
    assertThat(page2.getMessages()).extracting(Message::getText)
        .containsExactly("step 2", "step 3");
    assertThat(page2.getMessages()).allSatisfy(m -> assertThat(m.getMetadata()).isNull());
    assertThat(page2.isHasMore()).isFalse();

    assertThat(slack.conversationsReplies(r -> r.channel(CHANNEL).ts(parent)).getMessages())
        .extracting(Message::getText).containsExactly("card", "step 1", "step 2", "step 3");

    ConversationsRepliesResponse missing = slack.conversationsReplies(r -> r.channel(CHANNEL)
        .ts("1600000000.000001"));
    assertThat(missing.isOk()).isFalse();
    assertThat(missing.getError()).isEqualTo("thread_not_found");
    assertThat(slack.conversationsReplies(r -> r.channel("C0OTHER").ts(parent)).getError())
        .isEqualTo("thread_not_found");
  }

  @Test
  void info_isPrivateUnlessSaidOtherwise() throws Exception {
    fake.channelPrivate("C0PUBLIC", false);

    var privateOne = slack.conversationsInfo(r -> r.channel(CHANNEL));
    var publicOne = slack.conversationsInfo(r -> r.channel("C0PUBLIC"));

    assertThat(privateOne.isOk()).isTrue();
    assertThat(privateOne.getChannel().getId()).isEqualTo(CHANNEL);
    assertThat(privateOne.getChannel().getName()).isEqualTo("webops");
    assertThat(privateOne.getChannel().isPrivate()).isTrue();
    assertThat(privateOne.getChannel().isArchived()).isFalse();
    assertThat(publicOne.getChannel().isPrivate()).isFalse();
    assertThat(publicOne.getChannel().isChannel()).isTrue();
  }

  @Test
  void hold_beforeRecording_slackHasNotSeenTheCallUntilReleased() throws Exception {
    FakeSlack.Hold hold = fake.hold("chat.postMessage",
        call -> "held".equals(call.param("text")), false);

    CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> postUnchecked("held"),
        background);
    hold.awaitReached(WAIT);
    assertThat(hold.reached()).isTrue();
    assertThat(hold.call().param("text")).isEqualTo("held");

    String other = post(CHANNEL, "other", null);
    assertThat(held).isNotDone();
    assertThat(fake.calls("chat.postMessage")).extracting(c -> c.param("text"))
        .containsExactly("other");
    assertThat(fake.messages()).extracting(FakeSlack.Message::text).containsExactly("other");

    hold.release();
    String heldTs = held.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(fake.calls("chat.postMessage")).extracting(c -> c.param("text"))
        .containsExactly("other", "held");
    assertThat(fake.messages()).extracting(FakeSlack.Message::ts).containsExactly(other, heldTs);
    // one-shot: the next matching call goes through at once
    assertThat(post(CHANNEL, "held", null)).isNotEqualTo(heldTs);
  }

  @Test
  void hold_afterRecording_slackHasActedButTheAnswerWaits() throws Exception {
    FakeSlack.Hold hold = fake.hold("chat.postMessage",
        call -> "held".equals(call.param("text")), true);

    CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> postUnchecked("held"),
        background);
    hold.awaitReached(WAIT);

    assertThat(fake.calls("chat.postMessage")).extracting(c -> c.param("text"))
        .containsExactly("held");
    assertThat(fake.messages()).extracting(FakeSlack.Message::text).containsExactly("held");
    String storedTs = fake.messages().get(0).ts();
    assertThat(slack.conversationsHistory(r -> r.channel(CHANNEL)).getMessages())
        .extracting(Message::getTs).containsExactly(storedTs);
    post(CHANNEL, "other", null);
    assertThat(held).isNotDone();

    hold.release();
    assertThat(held.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(storedTs);
    assertThat(fake.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  void hold_thatIsNeverReached_failsClearly() {
    FakeSlack.Hold hold = fake.hold("chat.update", call -> true, true);

    assertThatThrownBy(() -> hold.awaitReached(Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("chat.update")
        .hasMessageContaining("100 ms");
    assertThat(hold.reached()).isFalse();
  }

  @Test
  void close_releasesAHeldCall() throws Exception {
    FakeSlack.Hold hold = fake.hold("chat.postMessage", call -> true, false);
    CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> postUnchecked("held"),
        background);
    hold.awaitReached(WAIT);

    // close() waits for the server's threads, so it returns in time only if it let the call go
    CompletableFuture.runAsync(fake::close, background).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    // the held server thread went on: the client got an answer or a closed connection, not a wait
    String outcome = held.handle((ts, failure) -> failure == null ? "answered" : "failed")
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(outcome).isIn("answered", "failed");
    assertThat(fake.calls("chat.postMessage")).hasSizeLessThanOrEqualTo(1);
  }

  private String postUnchecked(String text) {
    try {
      ChatPostMessageResponse response = slack.chatPostMessage(r -> r.channel(CHANNEL).text(text));
      if (!response.isOk()) {
        throw new IllegalStateException(response.getError());
      }
      return response.getTs();
    } catch (IOException | SlackApiException e) {
      throw new IllegalStateException(e);
    }
  }
}

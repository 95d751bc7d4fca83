package org.webops.dockerhubbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.model.view.View;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.model.block.LayoutBlock;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.workflow.MessageRef;

/**
 * The one class that sends anything to Slack's Web API: messages, thread replies, direct and
 * ephemeral messages, modals and the App Home. Every failure is a {@link
 * SlackCallFailedException}.
 */
public final class SlackMessenger {
  private static final Logger log = LoggerFactory.getLogger(SlackMessenger.class);

  private final MethodsClient slack;

  public SlackMessenger(MethodsClient slack) {
    this.slack = slack;
  }

  /** Metadata type of a request's card: payload {@code request_id}. */
  public static final String CARD_EVENT = "credential_request_posted";
  /** Metadata type of a notice from the outbox: payload {@code notice_id}. */
  public static final String NOTICE_EVENT = "request_notice_posted";
  private static final int PAGE = 200;
  private static final int MAX_PAGES = 5;

  public MessageRef post(String channel, String text, List<LayoutBlock> blocks) {
    return post(channel, text, blocks, null);
  }

  /** Posts a message that carries metadata, by which it can be found again. */
  public MessageRef post(String channel, String text, List<LayoutBlock> blocks,
      Message.Metadata metadata) {
    ChatPostMessageResponse response = call("chat.postMessage", () -> slack.chatPostMessage(
        r -> r.channel(channel).text(text).blocks(blocks).metadata(metadata).unfurlLinks(false)
            .unfurlMedia(false)));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  /** Metadata that marks a message as the bot's {@code eventType} with one key. */
  public static Message.Metadata marker(String eventType, String key, String value) {
    return new Message.Metadata(eventType, Map.of(key, value));
  }

  /**
   * The channel's message since {@code since} that carries this marker, if any: so that a message
   * whose post may have reached Slack before a crash is not posted twice.
   */
  public Optional<MessageRef> findPosted(String channel, Instant since, Message.Metadata marker) {
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String from = cursor;
      ConversationsHistoryResponse response = call("conversations.history",
          () -> slack.conversationsHistory(r -> r.channel(channel).includeAllMetadata(true)
              .oldest(since.getEpochSecond() + ".000000").limit(PAGE).cursor(from)));
      for (Message message : response.getMessages()) {
        if (carries(message, marker)) {
          return Optional.of(new MessageRef(channel, message.getTs()));
        }
      }
      cursor = nextCursor(response.getResponseMetadata());
      if (cursor == null) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether a reply in the thread carries this marker. */
  public boolean threadHas(MessageRef thread, Message.Metadata marker) {
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String from = cursor;
      ConversationsRepliesResponse response = call("conversations.replies",
          () -> slack.conversationsReplies(r -> r.channel(thread.channel()).ts(thread.ts())
              .includeAllMetadata(true).limit(PAGE).cursor(from)));
      if (response.getMessages().stream().anyMatch(message -> carries(message, marker))) {
        return true;
      }
      cursor = nextCursor(response.getResponseMetadata());
      if (cursor == null) {
        return false;
      }
    }
    return false;
  }

  private static boolean carries(Message message, Message.Metadata marker) {
    Message.Metadata metadata = message.getMetadata();
    return metadata != null && marker.getEventType().equals(metadata.getEventType())
        && metadata.getEventPayload() != null
        && marker.getEventPayload().entrySet().stream().allMatch(entry ->
            String.valueOf(metadata.getEventPayload().get(entry.getKey()))
                .equals(String.valueOf(entry.getValue())));
  }

  private static String nextCursor(ResponseMetadata metadata) {
    String cursor = metadata == null ? null : metadata.getNextCursor();
    return cursor == null || cursor.isEmpty() ? null : cursor;
  }

  public void update(MessageRef message, String text, List<LayoutBlock> blocks) {
    call("chat.update", () -> slack.chatUpdate(
        r -> r.channel(message.channel()).ts(message.ts()).text(text).blocks(blocks)));
  }

  /** A reply in the message's thread. */
  public void reply(MessageRef message, String text) {
    reply(message, text, null);
  }

  public void reply(MessageRef message, String text, Message.Metadata metadata) {
    reply(message, text, null, metadata);
  }

  /** A reply with blocks (a button under the words); {@code blocks} may be null. */
  public void reply(MessageRef message, String text, List<LayoutBlock> blocks,
      Message.Metadata metadata) {
    call("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(message.channel())
        .threadTs(message.ts()).text(text).blocks(blocks).metadata(metadata).unfurlLinks(false)
        .unfurlMedia(false)));
  }

  /** A direct message from the app (its Messages tab), which Slack keeps, unlike ephemerals. */
  public void direct(String user, String text, Message.Metadata metadata) {
    direct(user, text, null, metadata);
  }

  public void direct(String user, String text, List<LayoutBlock> blocks,
      Message.Metadata metadata) {
    call("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(user).text(text)
        .blocks(blocks).metadata(metadata).unfurlLinks(false).unfurlMedia(false)));
  }

  public void postEphemeral(String channel, String user, String text) {
    call("chat.postEphemeral", () -> slack.chatPostEphemeral(
        r -> r.channel(channel).user(user).text(text)));
  }

  /** Opens a modal; the trigger id is only good for about three seconds after the click. */
  public void openView(String triggerId, View view) {
    call("views.open", () -> slack.viewsOpen(r -> r.triggerId(triggerId).view(view)));
  }

  /** Publishes the user's App Home tab. */
  public void publishHome(String user, View view) {
    call("views.publish", () -> slack.viewsPublish(r -> r.userId(user).view(view)));
  }

  @FunctionalInterface
  private interface SlackCall<T extends SlackApiTextResponse> {
    T run() throws IOException, SlackApiException;
  }

  private static <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
    T response;
    try {
      response = call.run();
    } catch (IOException | SlackApiException e) {
      throw new SlackCallFailedException(method, e);
    }
    if (!response.isOk()) {
      throw new SlackCallFailedException(method, response.getError());
    }
    return response;
  }
}

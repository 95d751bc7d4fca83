package org.webops.dockerhubbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.workflow.MessageRef;

/** The Slack messages the bot sends outside an interaction's response. */
public final class SlackMessenger {
  private static final Logger log = LoggerFactory.getLogger(SlackMessenger.class);

  private final MethodsClient slack;

  public SlackMessenger(MethodsClient slack) {
    this.slack = slack;
  }

  public MessageRef post(String channel, String text, List<LayoutBlock> blocks) {
    ChatPostMessageResponse response = call("chat.postMessage", () -> slack.chatPostMessage(
        r -> r.channel(channel).text(text).blocks(blocks).unfurlLinks(false).unfurlMedia(false)));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  public void update(MessageRef message, String text, List<LayoutBlock> blocks) {
    call("chat.update", () -> slack.chatUpdate(
        r -> r.channel(message.channel()).ts(message.ts()).text(text).blocks(blocks)));
  }

  /** A reply in the message's thread. */
  public void reply(MessageRef message, String text) {
    call("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(message.channel())
        .threadTs(message.ts()).text(text).unfurlLinks(false).unfurlMedia(false)));
  }

  public void postEphemeral(String channel, String user, String text) {
    call("chat.postEphemeral", () -> slack.chatPostEphemeral(
        r -> r.channel(channel).user(user).text(text)));
  }

  /**
   * Tells a user something: ephemerally in the channel they acted in when there is one and the
   * bot may post there, else by direct message.
   */
  public void tell(String user, Optional<String> channel, String text) {
    if (channel.isPresent()) {
      try {
        postEphemeral(channel.get(), user, text);
        return;
      } catch (SlackCallFailedException e) {
        log.info("Ephemeral reply to {} in {} failed ({}); sending a direct message", user,
            channel.get(), e.getMessage());
      }
    }
    call("chat.postMessage", () -> slack.chatPostMessage(
        r -> r.channel(user).text(text).unfurlLinks(false).unfurlMedia(false)));
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

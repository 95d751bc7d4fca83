package org.webops.dockerhubbot.secretlinks;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Posts a one-time link to one person, as an ephemeral message in one channel.
 *
 * <p>Slack does not unfurl ephemeral messages, and {@code chat.postEphemeral} takes no
 * {@code unfurl_links}/{@code unfurl_media} arguments (they belong to {@code chat.postMessage}),
 * so none are sent: nothing previews the page, and opening it changes nothing anyway.
 */
public final class SecretLinkMessenger {
  static final String METHOD = "chat.postEphemeral";

  private final MethodsClient methods;
  private final String botToken;

  public SecretLinkMessenger(MethodsClient methods, String botToken) {
    this.methods = Objects.requireNonNull(methods);
    this.botToken = Objects.requireNonNull(botToken);
  }

  /**
   * @param text what the link is for, for example "Credentials for gh/org/repo (request #12)";
   *     must not carry secret values: the only secret in the message is the link itself
   * @throws IllegalArgumentException when {@code user} is not the link's audience
   * @throws SlackCallException when Slack refuses or cannot be reached
   */
  public void postEphemeral(String channel, String user, SecretLink link, String text) {
    Objects.requireNonNull(channel, "channel");
    if (!link.audience().equals(user)) {
      throw new IllegalArgumentException("a secret link goes only to its audience");
    }
    String message =
        text + "\n<" + link.url() + "|Open the one-time secret link> (works once, expires "
            + "<!date^" + link.expiresAt().getEpochSecond() + "^{date_short_pretty} {time}|"
            + link.expiresAt() + ">). Only you can see this message.";
    ChatPostEphemeralResponse response;
    try {
      response = methods.chatPostEphemeral(r -> r.token(botToken).channel(channel).user(user)
          .text(message));
    } catch (IOException | SlackApiException e) {
      throw new SlackCallException(METHOD, e.getClass().getSimpleName(), null);
    }
    if (!response.isOk()) {
      throw new SlackCallException(METHOD, response.getError(), null);
    }
  }
}

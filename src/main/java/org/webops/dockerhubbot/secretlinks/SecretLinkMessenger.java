package org.webops.dockerhubbot.secretlinks;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Posts a one-time link to one person, as an ephemeral message in one channel, with link and media
 * unfurling off (a preview bot must not open the page, and nothing should render it).
 *
 * <p>The SDK's {@code ChatPostEphemeralRequest} (1.51.0) has no {@code unfurl_*} fields, so the
 * form is built here and sent with {@link MethodsClient#postFormWithTokenAndParseResponse}, the
 * SDK's own path for raw method calls; that needs the bot token.
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
      response =
          methods.postFormWithTokenAndParseResponse(
              form ->
                  form.add("channel", channel)
                      .add("user", user)
                      .add("text", message)
                      .add("unfurl_links", "false")
                      .add("unfurl_media", "false"),
              METHOD,
              botToken,
              ChatPostEphemeralResponse.class);
    } catch (IOException | SlackApiException e) {
      throw new SlackCallException(METHOD, e.getClass().getSimpleName(), null);
    }
    if (!response.isOk()) {
      throw new SlackCallException(METHOD, response.getError(), null);
    }
  }
}

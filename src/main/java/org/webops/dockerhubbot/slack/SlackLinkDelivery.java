package org.webops.dockerhubbot.slack;

import org.webops.dockerhubbot.secretlinks.SecretLink;
import org.webops.dockerhubbot.secretlinks.SecretLinkDelivery;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.text.Prose;

/**
 * One-time links as ephemeral messages in the approval channel: only their audience sees them.
 *
 * <p>Slack does not unfurl ephemeral messages, and {@code chat.postEphemeral} takes no
 * {@code unfurl_links}/{@code unfurl_media} arguments (they belong to {@code chat.postMessage}),
 * so none are sent: nothing previews the page, and opening it changes nothing anyway.
 */
public final class SlackLinkDelivery implements SecretLinkDelivery {
  private final SlackMessenger messenger;
  private final String channel;

  public SlackLinkDelivery(SlackMessenger messenger, String approvalChannel) {
    this.messenger = messenger;
    this.channel = approvalChannel;
  }

  /** @throws SlackCallFailedException when Slack refuses or cannot be reached */
  @Override
  public void deliver(String user, SecretLink link, Prose text) {
    if (!link.audience().equals(user)) {
      throw new IllegalArgumentException("a secret link goes only to its audience");
    }
    messenger.postEphemeral(channel, user, SlackText.of(text) + "\n<" + link.url()
        + "|Open the one-time secret link> (works once, expires <!date^"
        + link.expiresAt().getEpochSecond() + "^{date_short_pretty} {time}|" + link.expiresAt()
        + ">). Only you can see this message.");
  }
}

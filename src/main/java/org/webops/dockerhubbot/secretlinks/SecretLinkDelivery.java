package org.webops.dockerhubbot.secretlinks;

import org.webops.dockerhubbot.text.Prose;

/** Hands a one-time link to the one person it is for, where only they see it (Slack does). */
public interface SecretLinkDelivery {
  /**
   * @param text what the link is for, for example "Credentials for gh/org/repo (request #12)";
   *     never a secret: the only secret in the message is the link itself
   * @throws IllegalArgumentException when {@code user} is not the link's audience
   */
  void deliver(String user, SecretLink link, Prose text);
}

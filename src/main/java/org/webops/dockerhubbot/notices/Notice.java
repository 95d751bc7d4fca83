package org.webops.dockerhubbot.notices;

import java.util.Objects;

/**
 * A message about a request that must reach Slack even if the process dies right after the state
 * change that causes it: written into the outbox in the same transaction as that change, and
 * delivered afterwards from whichever instance is alive. Never carries a secret, and never a
 * one-time link (its key must not be stored).
 */
public record Notice(long requestId, Audience audience, String text) {

  /** Who reads it. */
  public enum Audience {
    /** A reply in the thread of the request's card. */
    THREAD,
    /** A direct message from the app to the requester (kept in the app's Messages tab). */
    REQUESTER
  }

  public Notice {
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(text, "text");
  }

  public static Notice thread(long requestId, String text) {
    return new Notice(requestId, Audience.THREAD, text);
  }

  public static Notice requester(long requestId, String text) {
    return new Notice(requestId, Audience.REQUESTER, text);
  }
}

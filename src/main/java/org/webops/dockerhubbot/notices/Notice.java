package org.webops.dockerhubbot.notices;

import java.util.Objects;

/**
 * An event about a request and who hears of it. It must reach Slack even if the process dies
 * right after the state change that causes it: it is written into the outbox in the same
 * transaction as that change, and delivered afterwards from whichever instance is alive. Never
 * carries a secret, and never a one-time link (its key must not be stored).
 */
public record Notice(long requestId, Audience audience, NoticeEvent event) {

  /** Who reads it. */
  public enum Audience {
    /** A reply in the thread of the request's card. */
    THREAD,
    /** A direct message from the app to the requester (kept in the app's Messages tab). */
    REQUESTER
  }

  public Notice {
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(event, "event");
  }

  public static Notice thread(long requestId, NoticeEvent event) {
    return new Notice(requestId, Audience.THREAD, event);
  }

  public static Notice requester(long requestId, NoticeEvent event) {
    return new Notice(requestId, Audience.REQUESTER, event);
  }
}

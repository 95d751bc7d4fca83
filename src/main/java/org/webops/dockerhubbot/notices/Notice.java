package org.webops.dockerhubbot.notices;

import java.util.Objects;

/**
 * An event about a request (or, for the approval channel, about no request in particular) and who
 * hears of it. It must reach Slack even if the process dies
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
    REQUESTER,
    /** A message of its own in the approval channel, about no one request (a drift report). */
    CHANNEL
  }

  /** The {@link #requestId()} of a notice that is about no request. */
  public static final long NO_REQUEST = 0;

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

  /** A message to the approval channel, about no request. */
  public static Notice channel(NoticeEvent event) {
    return new Notice(NO_REQUEST, Audience.CHANNEL, event);
  }

  public boolean aboutARequest() {
    return audience != Audience.CHANNEL;
  }
}

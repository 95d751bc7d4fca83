package org.webops.dockerhubbot.notices;

/** Delivers one notice; Slack implements it. */
@FunctionalInterface
public interface NoticeSender {

  /** What became of one delivery. */
  enum Result {
    DELIVERED,
    /** Not now (Slack failed, or the card to reply under is not posted yet): try again later. */
    RETRY
  }

  Result send(PendingNotice pending);
}

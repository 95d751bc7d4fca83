package org.webops.dockerhubbot.notices;

/**
 * A notice taken from the outbox for delivery.
 *
 * @param id the outbox row, which also marks the message in Slack so that a second delivery can
 *     recognise the first
 * @param earlierTries how many deliveries were started before this one; after one, the message
 *     may already be in Slack (a crash, or a lost answer, after the send)
 */
public record PendingNotice(long id, Notice notice, int earlierTries) {
  public boolean triedBefore() {
    return earlierTries > 0;
  }
}

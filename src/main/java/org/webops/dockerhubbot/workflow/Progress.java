package org.webops.dockerhubbot.workflow;

/**
 * How a request shows itself to people after each write (a decision, a run's step): Slack
 * implements it. Messages themselves travel as notices in the outbox, committed with the writes.
 */
public interface Progress {
  /**
   * The request's state or steps changed, and notices may have been written: the card is
   * rewritten soon (bursts coalesced) and the outbox delivered.
   */
  void changed(long requestId);
}

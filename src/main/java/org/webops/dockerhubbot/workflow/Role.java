package org.webops.dockerhubbot.workflow;

/** Who may make a move of a request. */
public enum Role {
  /** The person who asked for the credential. */
  REQUESTER,
  /** A webops approver other than the requester: nobody approves or works their own request. */
  APPROVER,
  /** The bot itself: its runs, sweeps and timers. */
  BOT
}

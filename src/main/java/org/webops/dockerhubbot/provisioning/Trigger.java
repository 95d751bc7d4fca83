package org.webops.dockerhubbot.provisioning;

/** Why a run is going now: a waiting step acts only on the trigger it waits for. */
public enum Trigger {
  /** Approval, Retry, or resuming after a restart. */
  AUTOMATIC,
  /** An approver says the manual step is done ("Account created and e-mail verified"). */
  PERSON,
  /** The poll timer or "Check now". */
  POLL
}

package org.webops.dockerhubbot.provisioning;

/** Why a run goes now: a waiting step acts only on the trigger it waits for. */
public sealed interface Trigger {
  Trigger AUTOMATIC = new Automatic();

  /** Approval, resuming after a restart or a lost lease, a poll that is due. */
  record Automatic() implements Trigger {}

  /**
   * An approver retries a failed run.
   *
   * @param seenProgress the run's progress counter when the click was read: a run that failed
   *     again since then is not retried by this click
   */
  record Retry(String user, int seenProgress) implements Trigger {}

  /** An approver says the manual step the run waits for is done, or approves what it asks. */
  record Person(String user) implements Trigger {}

  /** An approver asks to look at once instead of at the next poll ("Check now"). */
  record CheckNow(String user) implements Trigger {}
}

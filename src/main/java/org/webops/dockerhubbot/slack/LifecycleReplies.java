package org.webops.dockerhubbot.slack;

import org.webops.dockerhubbot.lifecycle.CredentialActions.Outcome;

/** Words what became of a rotate, revoke or withdraw, for the person who asked. */
public final class LifecycleReplies {
  private LifecycleReplies() {}

  /** @param started what to say when it started */
  public static String to(Outcome outcome, String started) {
    if (outcome instanceof Outcome.Refused refused) {
      return ":no_entry: " + refused.why();
    }
    return ((Outcome.Started) outcome).linkRefused() ? started + " The new token is not sent to"
        + " you: only an approver who is not the requester can have it." : started;
  }
}

package org.webops.dockerhubbot.provisioning.steps;

import java.time.Duration;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.SecretLinks;

/**
 * Revocation, first: the operation it cancelled may still be in a call (making a token, say).
 * Its runner's next write is refused, so it stops; this step waits until no runner holds it, so
 * that nothing is made after the clean-up looked.
 */
public final class StopOtherRuns implements Step {
  static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

  private final RunStore runs;
  private final SecretLinks links;

  public StopOtherRuns(RunStore runs, SecretLinks links) {
    this.runs = runs;
    this.links = links;
  }

  @Override
  public StepId id() {
    return StepId.STOP_OTHER_RUNS;
  }

  @Override
  public StepResult run(RunContext run) {
    if (runs.othersHeld(run.requestId(), run.operation().id())) {
      return StepResult.Waiting.forTime(LOOK_AGAIN, "Waiting for the cancelled run to stop"
          + " before cleaning up.");
    }
    int ended = run.dryRun() ? 0 : links.expireUnclaimed(run.requestId());
    return StepResult.Done.with("No other run works on this credential any more" + (ended == 0
        ? "" : "; " + ended + (ended == 1 ? " unclaimed one-time link" : " unclaimed one-time"
            + " links") + " of this request can no longer be opened"));
  }
}

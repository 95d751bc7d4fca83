package org.webops.dockerhubbot.provisioning.steps;

import java.time.Duration;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;

/**
 * Revocation, first: the operation it cancelled may still be in a call (making a token, say).
 * Its runner's next write is refused, so it stops; this step waits until no runner holds it, so
 * that nothing is made after the clean-up looked.
 */
public final class StopOtherRuns implements Step {
  static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

  private final RunStore runs;

  public StopOtherRuns(RunStore runs) {
    this.runs = runs;
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
    return StepResult.Done.with("No other run works on this credential any more");
  }
}

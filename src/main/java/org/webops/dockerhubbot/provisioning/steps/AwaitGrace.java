package org.webops.dockerhubbot.provisioning.steps;

import java.time.Duration;
import java.time.Instant;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;

/**
 * Rotation: the old token lives on for the grace period after CircleCI holds the new one, so that
 * jobs already running finish with it. The run sleeps in the database, not in a thread.
 */
public final class AwaitGrace implements Step {
  private final Duration grace;

  /** @param grace {@code ROTATION_GRACE}; zero deletes the old token at once */
  public AwaitGrace(Duration grace) {
    this.grace = grace;
  }

  @Override
  public StepId id() {
    return StepId.AWAIT_GRACE;
  }

  @Override
  public StepResult run(RunContext run) {
    if (grace.isZero()) {
      return StepResult.Done.with("No grace period (ROTATION_GRACE is PT0S): the old token goes"
          + " at once");
    }
    Instant until = Instant.parse(run.requireFact(Facts.WRITTEN_AT)).plus(grace);
    if (run.dryRun() || !run.now().isBefore(until)) {
      return StepResult.Done.with((run.dryRun() ? "Dry run: would wait " : "Waited ")
          + minutes(grace) + " for jobs that started with the old token");
    }
    return StepResult.Waiting.forTime(Duration.between(run.now(), until), "The old token lives"
        + " on for " + minutes(grace) + " after the write, so that running jobs finish; then it"
        + " is deleted.");
  }

  private static String minutes(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes >= 60 && minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
  }
}

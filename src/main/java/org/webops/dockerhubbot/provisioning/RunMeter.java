package org.webops.dockerhubbot.provisioning;

import java.time.Duration;
import org.webops.dockerhubbot.workflow.OperationKind;

/**
 * Told how operations go, by kind and step only: nothing that names a request, a person or a
 * credential. The metrics edge counts it.
 */
public interface RunMeter {

  /** How one try of a step ended. */
  enum StepOutcome { DONE, WAITING, REWIND, FAILED }

  /** Why a step is tried again. */
  enum RetryReason { RATE_LIMITED, SERVER_ERROR, NO_ANSWER }

  /** An operation's first step begins (its first go, with no step recorded yet). */
  void started(OperationKind kind);

  /** The operation has finished: its last step is done. */
  void finished(OperationKind kind);

  /** The operation stopped at this step. */
  void failed(OperationKind kind, StepId step);

  /** One run of a step, with its retries, took this long and ended so. */
  void stepRan(OperationKind kind, StepId step, StepOutcome outcome, Duration took);

  /** A step failed transiently and is tried again after {@code wait}. */
  void stepRetried(OperationKind kind, StepId step, RetryReason reason, Duration wait);

  RunMeter NONE = new RunMeter() {
    @Override
    public void started(OperationKind kind) {}

    @Override
    public void finished(OperationKind kind) {}

    @Override
    public void failed(OperationKind kind, StepId step) {}

    @Override
    public void stepRan(OperationKind kind, StepId step, StepOutcome outcome, Duration took) {}

    @Override
    public void stepRetried(OperationKind kind, StepId step, RetryReason reason,
        Duration wait) {}
  };
}

package org.webops.dockerhubbot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.webops.dockerhubbot.provisioning.RunMeter;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.workflow.OperationKind;

/** Operations started, finished and failed by kind (and step), and every step's duration. */
final class RunMetrics implements RunMeter {
  static final String STARTED = "dhbot.operations.started";
  static final String FINISHED = "dhbot.operations.finished";
  static final String FAILED = "dhbot.operations.failed";
  static final String STEP_DURATION = "dhbot.step.duration";
  static final String STEP_RETRIES = "dhbot.step.retries";

  private final MeterRegistry registry;

  RunMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (OperationKind kind : OperationKind.values()) {
      started(kind, 0);
      finished(kind, 0);
    }
  }

  @Override
  public void started(OperationKind kind) {
    started(kind, 1);
  }

  @Override
  public void finished(OperationKind kind) {
    finished(kind, 1);
  }

  @Override
  public void failed(OperationKind kind, StepId step) {
    Counter.builder(FAILED).description("Operations that stopped at a failed step")
        .tag("kind", Labels.of(kind)).tag("step", Labels.of(step))
        .register(registry).increment();
  }

  @Override
  public void stepRan(OperationKind kind, StepId step, StepOutcome outcome, Duration took) {
    Timer.builder(STEP_DURATION).description("One run of a step, with its retries")
        .tag("kind", Labels.of(kind)).tag("step", Labels.of(step))
        .tag("outcome", Labels.of(outcome))
        .register(registry).record(took);
  }

  @Override
  public void stepRetried(OperationKind kind, StepId step, RetryReason reason, Duration wait) {
    Counter.builder(STEP_RETRIES).description("Steps tried again after a transient failure")
        .tag("kind", Labels.of(kind)).tag("step", Labels.of(step))
        .tag("reason", Labels.of(reason))
        .register(registry).increment();
  }

  private void started(OperationKind kind, double by) {
    Counter.builder(STARTED).description("Operations whose first step began")
        .tag("kind", Labels.of(kind)).register(registry).increment(by);
  }

  private void finished(OperationKind kind, double by) {
    Counter.builder(FINISHED).description("Operations whose last step is done")
        .tag("kind", Labels.of(kind)).register(registry).increment(by);
  }
}

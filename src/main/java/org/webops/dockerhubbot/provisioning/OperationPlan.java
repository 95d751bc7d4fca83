package org.webops.dockerhubbot.provisioning;

import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * What the runner does for one kind of operation on one kind of credential: the steps in order,
 * and the request's moves when the run starts, finishes, fails and is retried.
 */
public record OperationPlan(List<StepId> steps, Optional<Transition> onStart, Transition onFinish,
    Optional<Transition> onFailure, Optional<Transition> onRetry) {

  public OperationPlan {
    steps = List.copyOf(steps);
  }
}

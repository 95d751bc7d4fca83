package org.webops.dockerhubbot.provisioning;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.Transition;

/** The plan of each operation on each kind of credential, and the steps that carry them out. */
public final class Plans {
  private static final List<StepId> PROVISION_SERVICE_USER = List.of(
      StepId.GENERATE_IDENTITY, StepId.SEND_SIGN_UP, StepId.VERIFY_SIGN_UP,
      StepId.CREATE_PERSONAL_TOKEN, StepId.WRITE_CIRCLECI, StepId.INVITE_TO_TEAM,
      StepId.AWAIT_MEMBERSHIP, StepId.DELIVER);
  private static final List<StepId> PROVISION_ORG_TOKEN = List.of(
      StepId.CREATE_ORG_TOKEN, StepId.WRITE_CIRCLECI, StepId.DELIVER);

  private final Map<StepId, Step> steps = new EnumMap<>(StepId.class);

  public Plans(List<Step> steps) {
    for (Step step : steps) {
      this.steps.put(step.id(), step);
    }
    for (StepId id : StepId.values()) {
      if (!this.steps.containsKey(id)) {
        throw new IllegalArgumentException("no step for " + id);
      }
    }
  }

  public static OperationPlan of(OperationKind operation, CredentialKind kind) {
    if (operation != OperationKind.PROVISION) {
      throw new IllegalArgumentException("no plan for " + operation + " yet");
    }
    return new OperationPlan(
        kind == CredentialKind.ORG_TOKEN ? PROVISION_ORG_TOKEN : PROVISION_SERVICE_USER,
        Optional.of(Transition.START), Transition.FINISH, Optional.of(Transition.FAIL),
        Optional.of(Transition.RETRY));
  }

  public Step step(StepId id) {
    return steps.get(id);
  }

  /** The step that makes the token of this kind: where a run goes back to when it lost a value. */
  public static StepId tokenStep(CredentialKind kind) {
    return kind == CredentialKind.ORG_TOKEN ? StepId.CREATE_ORG_TOKEN : StepId.CREATE_PERSONAL_TOKEN;
  }
}

package org.webops.dockerhubbot.provisioning;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
  private static final List<StepId> ROTATE_AFTER_TOKEN = List.of(StepId.WRITE_CIRCLECI,
      StepId.READ_BACK_CIRCLECI, StepId.AWAIT_GRACE, StepId.DELETE_OLD_TOKENS,
      StepId.REPORT_ROTATION);
  private static final List<StepId> REVOKE_ORG_TOKEN = List.of(StepId.STOP_OTHER_RUNS,
      StepId.DELETE_TOKENS, StepId.DELETE_CIRCLECI_VARIABLES);
  private static final List<StepId> REVOKE_SERVICE_USER = List.of(StepId.STOP_OTHER_RUNS,
      StepId.DELETE_TOKENS, StepId.REMOVE_MEMBERSHIP, StepId.DELETE_CIRCLECI_VARIABLES,
      StepId.FORGET_PASSWORD);

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
    boolean org = kind == CredentialKind.ORG_TOKEN;
    return switch (operation) {
      case PROVISION -> new OperationPlan(org ? PROVISION_ORG_TOKEN : PROVISION_SERVICE_USER,
          Optional.of(Transition.START), Transition.FINISH, Optional.of(Transition.FAIL),
          Optional.of(Transition.RETRY));
      // The rotation's own move is made when it opens; a failure leaves the old token in use.
      case ROTATE -> new OperationPlan(Stream.concat(Stream.of(tokenStep(kind)),
          ROTATE_AFTER_TOKEN.stream()).toList(), Optional.empty(), Transition.ROTATED,
          Optional.of(Transition.ROTATION_FAILED), Optional.of(Transition.RESUME_ROTATION));
      case REVOKE -> new OperationPlan(org ? REVOKE_ORG_TOKEN : REVOKE_SERVICE_USER,
          Optional.empty(), Transition.REVOKED_ALL, Optional.empty(), Optional.empty());
    };
  }

  public Step step(StepId id) {
    return steps.get(id);
  }

  /** The step that makes the token of this kind: where a run goes back to when it lost a value. */
  public static StepId tokenStep(CredentialKind kind) {
    return kind == CredentialKind.ORG_TOKEN ? StepId.CREATE_ORG_TOKEN : StepId.CREATE_PERSONAL_TOKEN;
  }
}

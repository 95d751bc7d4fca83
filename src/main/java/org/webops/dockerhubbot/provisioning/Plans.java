package org.webops.dockerhubbot.provisioning;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.webops.dockerhubbot.workflow.CredentialKind;

/** The steps of each credential kind, in order (DESIGN.md §3, issue 5). */
public final class Plans {
  public static final List<StepId> SERVICE_USER = List.of(
      StepId.GENERATE_IDENTITY, StepId.SEND_SIGN_UP, StepId.VERIFY_SIGN_UP,
      StepId.CREATE_PERSONAL_TOKEN, StepId.WRITE_CIRCLECI, StepId.INVITE_TO_TEAM,
      StepId.AWAIT_MEMBERSHIP, StepId.DELIVER);
  public static final List<StepId> ORG_TOKEN = List.of(
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

  public static List<StepId> of(CredentialKind kind) {
    return kind == CredentialKind.ORG_TOKEN ? ORG_TOKEN : SERVICE_USER;
  }

  public Step step(StepId id) {
    return steps.get(id);
  }

  /** The step that makes the token of this kind: where a run goes back to when it lost a value. */
  public static StepId tokenStep(CredentialKind kind) {
    return kind == CredentialKind.ORG_TOKEN ? StepId.CREATE_ORG_TOKEN : StepId.CREATE_PERSONAL_TOKEN;
  }
}

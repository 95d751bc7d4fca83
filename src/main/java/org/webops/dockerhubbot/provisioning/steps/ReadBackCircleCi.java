package org.webops.dockerhubbot.provisioning.steps;

import static org.webops.dockerhubbot.text.Prose.code;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.ContextVariable;
import org.webops.dockerhubbot.circleci.ProjectEnvVar;
import org.webops.dockerhubbot.circleci.ProjectSlug;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.RequestSpec;

/**
 * Rotation: reads the CircleCI variables back before the old token goes. Project variables show
 * their last four characters, which must be the new token's; context variables show no value,
 * so both names must be there and updated since the write.
 */
public final class ReadBackCircleCi implements Step {
  private final Apis apis;
  private final FreshTokens tokens;

  public ReadBackCircleCi(Apis apis, FreshTokens tokens) {
    this.apis = apis;
    this.tokens = tokens;
  }

  @Override
  public StepId id() {
    return StepId.READ_BACK_CIRCLECI;
  }

  @Override
  public StepResult run(RunContext run) {
    RequestSpec spec = run.request().spec();
    Prose names = Prose.of(code(spec.userVariable()), " and ", code(spec.tokenVariable()));
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would read ", names, " back from CircleCI");
    }
    CircleCiClient circleci = apis.circleci(run);
    if (spec.circleciContext().isEmpty()) {
      Optional<String> token = TokenValue.of(run, tokens);
      if (token.isEmpty()) {
        return TokenValue.lost(run);
      }
      List<ProjectEnvVar> variables =
          circleci.projectVariables().list(ProjectSlug.of(spec.pipeline()));
      boolean holds = variables.stream().anyMatch(v -> v.name().equals(spec.tokenVariable())
          && v.endsLike(token.get()));
      if (!holds) {
        return new StepResult.Failed("CircleCI does not show the new token in "
            + spec.tokenVariable() + " of " + spec.pipeline() + " after writing it; the old"
            + " token is kept. Check the project's environment variables, then Retry.");
      }
      return StepResult.Done.with(names, " read back: CircleCI shows the new token's last four"
          + " characters");
    }
    String contextId = run.requireFact(Facts.CONTEXT_ID);
    Instant written = Instant.parse(run.requireFact(Facts.WRITTEN_AT)).minusSeconds(1);
    List<String> fresh = circleci.contexts().listVariables(contextId).stream()
        .filter(v -> v.updatedAt() != null && !v.updatedAt().isBefore(written))
        .map(ContextVariable::variable).toList();
    if (!fresh.contains(spec.userVariable()) || !fresh.contains(spec.tokenVariable())) {
      return new StepResult.Failed("CircleCI does not show " + spec.userVariable() + " and "
          + spec.tokenVariable() + " as updated in the context "
          + spec.circleciContext().get() + " after writing them; the old token is kept. Check"
          + " the context, then Retry.");
    }
    return StepResult.Done.with(names, " read back: both updated in the context ",
        code(spec.circleciContext().get()));
  }
}

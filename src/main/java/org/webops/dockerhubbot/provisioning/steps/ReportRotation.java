package org.webops.dockerhubbot.provisioning.steps;

import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.SecretPayload;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.RequestSpec;

/**
 * Rotation's end: the new token's value leaves the bot's memory. Only an approver who asked for
 * it in the rotation's form (never the requester, never an automatic rotation) gets it, in a
 * one-time link; CircleCI and the bot's records are enough otherwise.
 */
public final class ReportRotation implements Step {
  private final FreshTokens tokens;
  private final ApproverLinks links;
  private final CredentialStore credentials;
  private final String org;

  public ReportRotation(FreshTokens tokens, ApproverLinks links, CredentialStore credentials,
      String org) {
    this.tokens = tokens;
    this.links = links;
    this.credentials = credentials;
    this.org = org;
  }

  @Override
  public StepId id() {
    return StepId.REPORT_ROTATION;
  }

  @Override
  public StepResult run(RunContext run) {
    Optional<String> to = run.operation().linkTo();
    if (to.isEmpty()) {
      tokens.forget(run.requestId());
      return StepResult.Done.with("Nobody was sent the new token: CircleCI holds it, and nobody"
          + " asked for it");
    }
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would send ", Prose.person(to.get()),
          " the new token in a one-time link");
    }
    Optional<String> token = TokenValue.of(run, tokens);
    if (token.isEmpty()) {
      return TokenValue.lost(run);
    }
    RequestSpec spec = run.request().spec();
    SecretPayload payload = new SecretPayload("New Docker Hub token for CircleCI", spec.pipeline(),
        List.of(new SecretPayload.Field("User (" + spec.userVariable() + ")", userOf(run)),
            new SecretPayload.Field("Access token (" + spec.tokenVariable() + ")", token.get())),
        SecretPayload.circleCiAuthSnippet(spec.userVariable(), spec.tokenVariable()));
    links.sendTo(to.get(), run, payload, Prose.of(Prose.strong("New token for ",
        Prose.code(spec.pipeline())), " (request #" + run.requestId() + "), as you asked when"
        + " rotating it. CircleCI has it already."), Optional.empty());
    tokens.forget(run.requestId());
    return StepResult.Done.with("Sent ", Prose.person(to.get()), " the new token in a one-time"
        + " link, as asked");
  }

  private String userOf(RunContext run) {
    return run.request().spec().kind() == CredentialKind.ORG_TOKEN ? org
        : credentials.dockerIdOf(run.requestId()).orElse("");
  }
}

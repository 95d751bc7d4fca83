package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.secretlinks.SecretPayload;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.RequestSpec;

/**
 * The last step: the credentials go to the approver who approved, once, through a one-time link
 * for the team's password manager. After this the token's value exists only there and in CircleCI.
 */
public final class DeliverCredentials implements Step {
  private final FreshTokens tokens;
  private final KeptSecrets kept;
  private final ApproverLinks links;
  private final String org;

  public DeliverCredentials(FreshTokens tokens, KeptSecrets kept, ApproverLinks links,
      String org) {
    this.tokens = tokens;
    this.kept = kept;
    this.links = links;
    this.org = org;
  }

  @Override
  public StepId id() {
    return StepId.DELIVER;
  }

  @Override
  public StepResult run(RunContext run) {
    RequestSpec spec = run.request().spec();
    Prose.Person approver = Prose.person(run.approver());
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would send ", approver, " a one-time link with"
          + " the credentials, and tell the requester");
    }
    Optional<String> token = TokenValue.of(run, tokens);
    if (token.isEmpty()) {
      return TokenValue.lost(run);
    }
    List<SecretPayload.Field> fields = new ArrayList<>();
    if (spec.kind() == CredentialKind.SERVICE_USER) {
      fields.add(new SecretPayload.Field("Docker ID", run.requireFact(Facts.DOCKER_ID)));
      fields.add(new SecretPayload.Field("Password", KeptPassword.of(kept, run)));
      fields.add(new SecretPayload.Field("E-mail alias", run.requireFact(Facts.EMAIL)));
      fields.add(new SecretPayload.Field("Access token", token.get()));
    } else {
      fields.add(new SecretPayload.Field("Organisation (" + spec.userVariable() + ")",
          org));
      fields.add(new SecretPayload.Field("Organisation access token", token.get()));
    }
    SecretPayload payload = new SecretPayload("Docker Hub credentials for CircleCI",
        spec.pipeline(), fields,
        SecretPayload.circleCiAuthSnippet(spec.userVariable(), spec.tokenVariable()));
    links.send(run, payload, Prose.of(Prose.strong("Credentials for ", code(spec.pipeline())),
            " (request #" + run.requestId() + "): store them in the webops password manager."
            + " CircleCI has them already."),
        spec.kind() == CredentialKind.SERVICE_USER ? Optional.of(SecretPayload.SIGN_UP_TITLE)
            : Optional.empty());
    tokens.forget(run.requestId());
    return StepResult.Done.with("Sent ", approver, " the one-time link with the credentials"
        + " for the password manager");
  }
}

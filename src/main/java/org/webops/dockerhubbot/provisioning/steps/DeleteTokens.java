package org.webops.dockerhubbot.provisioning.steps;

import static org.webops.dockerhubbot.text.Prose.code;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.http.ForbiddenException;
import org.webops.dockerhubbot.http.UnauthorizedException;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.CredentialKind;

/**
 * Revocation: deletes every token recorded for the credential, of any operation. A service
 * user's tokens are deleted as that user; if it cannot sign in any more (its password was
 * changed, say), the step says so and goes on: removing it from the organisation ends its access.
 */
public final class DeleteTokens implements Step {
  private final TokenApis apis;
  private final CredentialTokens tokens;
  private final FreshTokens held;

  public DeleteTokens(Apis apis, KeptSecrets kept, CredentialStore store, FreshTokens held,
      ProvisioningSettings settings) {
    this.apis = new TokenApis(apis, kept, store, settings);
    this.tokens = new CredentialTokens(store, held);
    this.held = held;
  }

  @Override
  public StepId id() {
    return StepId.DELETE_TOKENS;
  }

  @Override
  public StepResult run(RunContext run) {
    held.forget(run.requestId());
    if (run.request().spec().kind() == CredentialKind.ORG_TOKEN) {
      return done(tokens.delete(run, TokenKind.ORG_TOKEN, apis.orgTokens(run), record -> true));
    }
    Optional<TokenApi> personal = apis.personalTokens(run);
    if (personal.isEmpty()) {
      return StepResult.Done.with("No personal token to delete: the service user's password"
          + " was never kept or is destroyed already");
    }
    try {
      return done(tokens.delete(run, TokenKind.PERSONAL_TOKEN, personal.get(), record -> true));
    } catch (UnauthorizedException | ForbiddenException e) {
      return StepResult.Done.with("Could not sign in as ",
          code(apis.dockerId(run).orElse("the service user")), " to delete its personal token ("
              + e.status() + "); removing it from the organisation ends its access to the"
              + " organisation's images");
    }
  }

  private static StepResult done(List<Prose> lines) {
    return lines.isEmpty() ? StepResult.Done.with("No token was recorded for this credential")
        : new StepResult.Done(Map.of(), lines);
  }
}

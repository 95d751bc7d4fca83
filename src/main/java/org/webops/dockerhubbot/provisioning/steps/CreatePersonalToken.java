package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;
import org.webops.dockerhubbot.dockerhub.PersonalAccessToken;
import org.webops.dockerhubbot.dockerhub.PersonalTokenClient;
import org.webops.dockerhubbot.dockerhub.RepoScope;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.TokenLabels;
import org.webops.dockerhubbot.workflow.TokenScope;

/**
 * Service user, step 4: the personal access token, made as the service user (a password login:
 * Docker Hub refuses token logins here). This request's earlier token whose value this process
 * does not hold is deleted and made again, so there is never a second one.
 */
public final class CreatePersonalToken implements Step {
  private final TokenApis apis;
  private final CredentialTokens tokens;

  public CreatePersonalToken(Apis apis, KeptSecrets kept, CredentialStore store,
      FreshTokens held, ProvisioningSettings settings) {
    this.apis = new TokenApis(apis, kept, store, settings);
    this.tokens = new CredentialTokens(store, held);
  }

  @Override
  public StepId id() {
    return StepId.CREATE_PERSONAL_TOKEN;
  }

  @Override
  public StepResult run(RunContext run) {
    RequestSpec spec = run.request().spec();
    String dockerId = apis.dockerId(run).orElseThrow(() -> new IllegalStateException(
        "request #" + run.requestId() + " has no Docker ID"));
    List<RepoScope> scopes = List.of(spec.scope() == TokenScope.READ_WRITE ? RepoScope.WRITE
        : RepoScope.READ);
    Instant expiresAt = run.now().plus(Duration.ofDays(spec.lifetimeDays()));
    Function<String, Prose> what = label -> Prose.of("personal access token ", code(label),
        " (" + scopes.get(0).value() + ", " + CredentialTokens.expiry(expiresAt) + ") as ",
        code(dockerId));
    if (run.dryRun()) {
      return StepResult.Done.with("Dry run: would create ",
          what.apply(TokenLabels.of(spec.pipeline(), run.requestId(), 1)))
          .withFacts(Map.of(Facts.TOKEN_ID, "dry-run"));
    }
    PersonalTokenClient client = apis.personalTokenClient(run).orElseThrow(
        () -> new IllegalStateException("the generated password of request #" + run.requestId()
            + " is not kept"));
    return tokens.ensure(run, TokenKind.PERSONAL_TOKEN, Optional.of(expiresAt), what,
        apis.personalTokens(run).orElseThrow(), label -> {
          PersonalAccessToken created = client.create(label, scopes, expiresAt);
          return new FreshTokens.FreshToken(created.uuid(), created.token());
        });
  }
}

package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  private final Apis apis;
  private final KeptSecrets kept;
  private final CredentialTokens tokens;

  public CreatePersonalToken(Apis apis, KeptSecrets kept, CredentialStore store,
      FreshTokens held) {
    this.apis = apis;
    this.kept = kept;
    this.tokens = new CredentialTokens(store, held);
  }

  @Override
  public StepId id() {
    return StepId.CREATE_PERSONAL_TOKEN;
  }

  @Override
  public StepResult run(RunContext run) {
    RequestSpec spec = run.request().spec();
    String dockerId = run.requireFact(Facts.DOCKER_ID);
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
    String password = KeptPassword.of(kept, run);
    PersonalTokenClient personalTokens =
        apis.as(new DockerHubCredential.Password(dockerId, password), run).personalTokens();
    return tokens.ensure(run, TokenKind.PERSONAL_TOKEN, what, new CredentialTokens.Tokens() {
      @Override
      public List<CredentialTokens.Listed> list() {
        return personalTokens.list().stream()
            .map(t -> new CredentialTokens.Listed(t.uuid(), t.label(), t.active())).toList();
      }

      @Override
      public void delete(String id) {
        personalTokens.delete(id);
      }

      @Override
      public FreshTokens.FreshToken create(String label) {
        PersonalAccessToken created = personalTokens.create(label, scopes, expiresAt);
        return new FreshTokens.FreshToken(created.uuid(), created.token());
      }
    });
  }
}

package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.webops.dockerhubbot.dockerhub.OrgAccessToken;
import org.webops.dockerhubbot.dockerhub.OrgTokenClient;
import org.webops.dockerhubbot.dockerhub.OrgTokenResource;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.ClientErrorException;
import org.webops.dockerhubbot.http.ConflictException;
import org.webops.dockerhubbot.http.ForbiddenException;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestValidator;
import org.webops.dockerhubbot.workflow.TokenScope;

/**
 * Organisation token, step 1: the organisation access token, made with the admin credential,
 * scoped to the requested repositories, pull-only unless asked. This request's earlier token
 * whose value this process does not hold is deleted and made again.
 */
public final class CreateOrgToken implements Step {
  private final TokenApis apis;
  private final CredentialTokens tokens;
  private final ProvisioningSettings settings;

  public CreateOrgToken(Apis apis, KeptSecrets kept, CredentialStore store, FreshTokens held,
      ProvisioningSettings settings) {
    this.apis = new TokenApis(apis, kept, store, settings);
    this.tokens = new CredentialTokens(store, held);
    this.settings = settings;
  }

  @Override
  public StepId id() {
    return StepId.CREATE_ORG_TOKEN;
  }

  @Override
  public StepResult run(RunContext run) {
    RequestSpec spec = run.request().spec();
    List<String> scopes = spec.scope() == TokenScope.READ_WRITE
        ? List.of(OrgTokenResource.SCOPE_IMAGE_PULL, OrgTokenResource.SCOPE_IMAGE_PUSH)
        : List.of(OrgTokenResource.SCOPE_IMAGE_PULL);
    // Nobody pushes to every public repository: that path only ever gets pull.
    List<OrgTokenResource> resources = spec.repositories().stream()
        .map(path -> new OrgTokenResource(OrgTokenResource.TYPE_REPO, path,
            path.equals(RequestValidator.ALL_PUBLIC_IMAGES)
                ? List.of(OrgTokenResource.SCOPE_IMAGE_PULL) : scopes)).toList();
    Instant expiresAt = run.now().plus(Duration.ofDays(spec.lifetimeDays()));
    try {
      return ensure(run, spec, scopes, resources, expiresAt);
    } catch (ClientErrorException | ForbiddenException | ConflictException e) {
      if (!isTokenLimit(e)) {
        throw e;
      }
      return new StepResult.Failed("Docker Hub refused a new organisation access token: "
          + settings.org() + " has as many as its plan allows (10 on Team, 100 on Business;"
          + " expired and deactivated tokens count until they are deleted). Delete tokens"
          + " nobody uses in Docker Hub (Organization settings, Access tokens), then Retry. ("
          + e.getMessage() + ")");
    }
  }

  /**
   * Docker Hub documents the limit but not its answer; an answer that speaks of a limit, a
   * maximum or too many tokens is taken for it.
   */
  static boolean isTokenLimit(ApiException e) {
    String message = e.apiMessage() == null ? "" : e.apiMessage().toLowerCase(Locale.ROOT);
    return message.contains("limit") || message.contains("maximum")
        || message.contains("too many");
  }

  private StepResult ensure(RunContext run, RequestSpec spec, List<String> scopes,
      List<OrgTokenResource> resources, Instant expiresAt) {
    OrgTokenClient client = apis.orgTokenClient(run);
    return tokens.ensure(run, TokenKind.ORG_TOKEN, Optional.of(expiresAt), label -> Prose.of(
        "organisation access token ", code(label), " in ", code(settings.org()), " ("
            + String.join(", ", scopes) + " on ",
        Prose.join(", ", spec.repositories().stream().map(Prose::code).toList()),
        ", " + CredentialTokens.expiry(expiresAt) + ")"), apis.orgTokens(run), label -> {
          OrgAccessToken created = client.create(settings.org(), label, resources, expiresAt);
          return new FreshTokens.FreshToken(created.id(), created.token());
        });
  }
}

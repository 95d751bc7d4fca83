package org.webops.dockerhubbot.provisioning.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.OrgAccessToken;
import org.webops.dockerhubbot.dockerhub.OrgTokenResource;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.Step;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.TokenScope;

/**
 * Organisation token, step 1: the organisation access token, made with the admin credential,
 * scoped to the requested repositories, pull-only unless asked. This request's earlier token
 * whose value this process does not hold is deleted and made again.
 */
public final class CreateOrgToken implements Step {
  private final Apis apis;
  private final CredentialTokens tokens;
  private final ProvisioningSettings settings;

  public CreateOrgToken(Apis apis, CredentialStore store, FreshTokens held,
      ProvisioningSettings settings) {
    this.apis = apis;
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
    List<OrgTokenResource> resources = spec.repositories().stream()
        .map(path -> new OrgTokenResource(OrgTokenResource.TYPE_REPO, path, scopes)).toList();
    Instant expiresAt = run.now().plus(Duration.ofDays(spec.lifetimeDays()));
    DockerHubClient hub = apis.admin(run);
    return tokens.ensure(run, TokenKind.ORG_TOKEN, label -> "organisation access token "
        + SlackText.code(label) + " in " + SlackText.code(settings.org()) + " ("
        + String.join(", ", scopes) + " on "
        + String.join(", ", spec.repositories().stream().map(SlackText::code).toList()) + ", "
        + CredentialTokens.expiry(expiresAt) + ")", new CredentialTokens.Tokens() {
          @Override
          public List<CredentialTokens.Listed> list() {
            return hub.listOrgAccessTokens(settings.org()).stream()
                .map(t -> new CredentialTokens.Listed(t.id(), t.label(), t.active())).toList();
          }

          @Override
          public void delete(String id) {
            hub.deleteOrgAccessToken(settings.org(), id);
          }

          @Override
          public FreshTokens.FreshToken create(String label) {
            OrgAccessToken created =
                hub.createOrgAccessToken(settings.org(), label, resources, expiresAt);
            return new FreshTokens.FreshToken(created.id(), created.token());
          }
        });
  }
}

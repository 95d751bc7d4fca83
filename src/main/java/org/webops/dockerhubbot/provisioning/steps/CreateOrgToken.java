package org.webops.dockerhubbot.provisioning.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.OrgAccessToken;
import org.webops.dockerhubbot.dockerhub.OrgTokenResource;
import org.webops.dockerhubbot.provisioning.Apis;
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
 * scoped to the requested repositories, pull-only unless asked. A token with the label whose
 * value this process does not hold is deleted and made again.
 */
public final class CreateOrgToken implements Step {
  private final Apis apis;
  private final FreshTokens tokens;
  private final ProvisioningSettings settings;

  public CreateOrgToken(Apis apis, FreshTokens tokens, ProvisioningSettings settings) {
    this.apis = apis;
    this.tokens = tokens;
    this.settings = settings;
  }

  @Override
  public StepId id() {
    return StepId.CREATE_ORG_TOKEN;
  }

  @Override
  public StepResult run(RunContext run) {
    RequestSpec spec = run.request().spec();
    String label = spec.tokenLabel();
    List<String> scopes = spec.scope() == TokenScope.READ_WRITE
        ? List.of(OrgTokenResource.SCOPE_IMAGE_PULL, OrgTokenResource.SCOPE_IMAGE_PUSH)
        : List.of(OrgTokenResource.SCOPE_IMAGE_PULL);
    List<OrgTokenResource> resources = spec.repositories().stream()
        .map(path -> new OrgTokenResource(OrgTokenResource.TYPE_REPO, path, scopes)).toList();
    Instant expiresAt = run.now().plus(Duration.ofDays(spec.lifetimeDays()));
    String what = "organisation access token " + SlackText.code(label) + " in "
        + SlackText.code(settings.org()) + " (" + String.join(", ", scopes) + " on "
        + String.join(", ", spec.repositories().stream().map(SlackText::code).toList()) + ", "
        + LabelledTokens.expiry(expiresAt) + ")";
    DockerHubClient hub = apis.admin(run.dryRun());
    return LabelledTokens.ensure(run, tokens, what, new LabelledTokens.Tokens() {
      @Override
      public List<LabelledTokens.Listed> withLabel() {
        return hub.listOrgAccessTokens(settings.org()).stream()
            .filter(t -> label.equals(t.label()))
            .map(t -> new LabelledTokens.Listed(t.id(), t.active())).toList();
      }

      @Override
      public void delete(String id) {
        hub.deleteOrgAccessToken(settings.org(), id);
      }

      @Override
      public FreshTokens.FreshToken create() {
        OrgAccessToken created =
            hub.createOrgAccessToken(settings.org(), label, resources, expiresAt);
        return new FreshTokens.FreshToken(created.id(), created.token());
      }
    });
  }
}

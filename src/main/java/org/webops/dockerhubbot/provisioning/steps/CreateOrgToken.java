package org.webops.dockerhubbot.provisioning.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.OrgAccessToken;
import org.webops.dockerhubbot.dockerhub.OrgTokenResource;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.Facts;
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
        + TokenLines.expiry(expiresAt) + ")";
    DockerHubClient hub = apis.admin(run.dryRun());
    List<String> lines = new ArrayList<>();
    for (OrgAccessToken earlier : hub.listOrgAccessTokens(settings.org())) {
      if (!label.equals(earlier.label())) {
        continue;
      }
      if (tokens.get(run.requestId(), earlier.id()).isPresent() && earlier.active()) {
        return new StepResult.Done(Map.of(Facts.TOKEN_ID, earlier.id()),
            List.of("The " + what + " exists already"));
      }
      hub.deleteOrgAccessToken(settings.org(), earlier.id());
      lines.add((run.dryRun() ? "Dry run: would replace the earlier token " + SlackText.code(label)
          : TokenLines.replaced("organisation access token", label)));
    }
    OrgAccessToken created = hub.createOrgAccessToken(settings.org(), label, resources, expiresAt);
    if (run.dryRun()) {
      lines.add("Dry run: would create " + what);
      return new StepResult.Done(Map.of(Facts.TOKEN_ID, "dry-run"), lines);
    }
    if (!created.hasToken()) {
      throw new IllegalStateException("Docker Hub made token " + created.id()
          + " but did not show its value");
    }
    tokens.hold(run.requestId(), new FreshTokens.FreshToken(created.id(), created.token()));
    lines.add("Created " + what);
    return new StepResult.Done(Map.of(Facts.TOKEN_ID, created.id()), lines);
  }
}

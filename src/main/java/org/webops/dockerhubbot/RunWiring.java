package org.webops.dockerhubbot;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.workflow.CircleCiProjectLookup;
import org.webops.dockerhubbot.circleci.CircleCiToken;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.Plans;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.SignUpDetails;
import org.webops.dockerhubbot.provisioning.steps.ApproverLinks;
import org.webops.dockerhubbot.provisioning.steps.AwaitGrace;
import org.webops.dockerhubbot.provisioning.steps.AwaitMembership;
import org.webops.dockerhubbot.provisioning.steps.CreateOrgToken;
import org.webops.dockerhubbot.provisioning.steps.CreatePersonalToken;
import org.webops.dockerhubbot.provisioning.steps.DeliverCredentials;
import org.webops.dockerhubbot.provisioning.steps.DeleteCircleCiVariables;
import org.webops.dockerhubbot.provisioning.steps.DeleteOldTokens;
import org.webops.dockerhubbot.provisioning.steps.DeleteTokens;
import org.webops.dockerhubbot.provisioning.steps.ForgetPassword;
import org.webops.dockerhubbot.provisioning.steps.GenerateIdentity;
import org.webops.dockerhubbot.provisioning.steps.InviteToTeam;
import org.webops.dockerhubbot.provisioning.steps.SendSignUp;
import org.webops.dockerhubbot.provisioning.steps.VerifySignUp;
import org.webops.dockerhubbot.provisioning.steps.ReadBackCircleCi;
import org.webops.dockerhubbot.provisioning.steps.RemoveMembership;
import org.webops.dockerhubbot.provisioning.steps.ReportRotation;
import org.webops.dockerhubbot.provisioning.steps.StopOtherRuns;
import org.webops.dockerhubbot.provisioning.steps.WriteCircleCiVariables;
import org.webops.dockerhubbot.health.DockerHubAdminCheck;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.secretlinks.SecretLinkDelivery;
import org.webops.dockerhubbot.secretlinks.SecretLinks;

/**
 * The API clients and every step of every plan; the sign-up step also serves a button, the
 * clients the drift check and the credential checks.
 */
record RunWiring(Plans plans, SignUpDetails signUp, Apis apis) {
  private static final Duration PROJECT_LOOKUP_TIMEOUT = Duration.ofMillis(1500);
  /** How long a token's value may wait in memory between its creation and its link. */
  private static final Duration FRESH_TOKENS = Duration.ofDays(30);

  /** What the steps keep and hand out. */
  record Stores(CredentialStore credentials, RunStore runs, KeptSecrets kept, SecretLinks links,
      SecretLinkDelivery delivery) {}

  static RunWiring build(Config config, Tuning tuning, OkHttpClient http, Clock clock,
      Stores stores, Executor calls, CallMeter meter) {
    Apis apis = apis(config, tuning, http, clock, meter);
    ProvisioningSettings settings = ProvisioningSettings.of(config.dockerhubOrg(),
        config.dockerhubTeam().orElse(""), config.serviceEmailTemplate().orElse(""),
        config.secretLinkTtl(), tuning.pollBase());
    FreshTokens tokens = new FreshTokens(FRESH_TOKENS);
    KeptSecrets kept = stores.kept();
    CredentialStore credentials = stores.credentials();
    ApproverLinks links = new ApproverLinks(stores.links(), stores.delivery(), settings);
    SendSignUp signUp = new SendSignUp(kept, links);
    return new RunWiring(new Plans(List.of(
        new GenerateIdentity(credentials, kept, new SecureRandom(), settings),
        signUp,
        new VerifySignUp(apis, kept),
        new CreatePersonalToken(apis, kept, credentials, tokens, settings),
        new CreateOrgToken(apis, kept, credentials, tokens, settings),
        new WriteCircleCiVariables(apis, tokens, credentials, settings, calls),
        new InviteToTeam(apis, settings),
        new AwaitMembership(apis, settings),
        new DeliverCredentials(tokens, kept, links, config.dockerhubOrg()),
        new ReadBackCircleCi(apis, tokens),
        new AwaitGrace(config.lifecycle().rotationGrace()),
        new DeleteOldTokens(apis, kept, credentials, tokens, settings),
        new ReportRotation(tokens, links, credentials, config.dockerhubOrg()),
        new StopOtherRuns(stores.runs(), stores.links()),
        new DeleteTokens(apis, kept, credentials, tokens, settings),
        new RemoveMembership(apis, credentials, settings),
        new DeleteCircleCiVariables(apis, credentials),
        new ForgetPassword(kept, credentials))), signUp, apis);
  }

  /** The clients a run uses: real ones, and dry-run ones for requests made in dry run. */
  private static Apis apis(Config config, Tuning tuning, OkHttpClient http, Clock clock,
      CallMeter meter) {
    OkHttpClient apiHttp = http.newBuilder().readTimeout(tuning.apiReadTimeout()).build();
    DockerHubCredential admin = admin(config);
    CircleCiToken circleToken = new CircleCiToken(config.circleciToken().reveal());
    HttpUrl hubUrl = HttpUrl.get(config.dockerhubApiUrl());
    HttpUrl circleUrl = HttpUrl.get(config.circleciApiUrl());
    DockerHubClient dryHub = new DockerHubClient(hubUrl, apiHttp, admin, true,
        tuning.apiRetries(), Sleeper.REAL, clock, meter);
    CircleCiClient dryCircleci = new CircleCiClient(circleUrl, apiHttp, circleToken, true,
        tuning.apiRetries(), Sleeper.REAL, clock, meter);
    if (config.dryRun()) {
      return new Apis(dryHub, dryHub, dryCircleci, dryCircleci);
    }
    return new Apis(
        new DockerHubClient(hubUrl, apiHttp, admin, false, tuning.apiRetries(), Sleeper.REAL,
            clock, meter),
        dryHub,
        new CircleCiClient(circleUrl, apiHttp, circleToken, false, tuning.apiRetries(),
            Sleeper.REAL, clock, meter),
        dryCircleci);
  }

  private static DockerHubCredential admin(Config config) {
    return config.dockerhubAdmin() instanceof Config.AdminCredential.OwnerPassword owner
        ? new DockerHubCredential.Password(owner.username(), owner.password().reveal())
        : new DockerHubCredential.OrganizationToken(config.dockerhubOrg(),
            ((Config.AdminCredential.OrganisationToken) config.dockerhubAdmin()).token().reveal());
  }

  /**
   * The admin credential's health check, on a session of its own: its login never replaces the
   * login token a run holds, and a run never answers for the check. A login is never retried.
   */
  static DockerHubAdminCheck adminCheck(Config config, Tuning tuning, OkHttpClient http,
      Clock clock) {
    return new DockerHubAdminCheck(new DockerHubClient(HttpUrl.get(config.dockerhubApiUrl()),
        http.newBuilder().readTimeout(tuning.apiReadTimeout()).build(), admin(config),
        config.dryRun(), RetryPolicy.none(), Sleeper.REAL, clock),
        config.dockerhubAdmin() instanceof Config.AdminCredential.OrganisationToken);
  }

  /** The form's CircleCI check: one try, well inside the three seconds Slack gives the ack. */
  static CircleCiProjectLookup projectLookup(Config config, OkHttpClient http, Clock clock,
      CallMeter meter) {
    OkHttpClient quick = http.newBuilder().callTimeout(PROJECT_LOOKUP_TIMEOUT).build();
    return new CircleCiProjectLookup(new CircleCiClient(HttpUrl.get(config.circleciApiUrl()),
        quick, new CircleCiToken(config.circleciToken().reveal()), config.dryRun(),
        RetryPolicy.none(), Sleeper.REAL, clock, meter));
  }
}

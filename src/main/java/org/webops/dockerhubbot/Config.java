package org.webops.dockerhubbot;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.webops.dockerhubbot.lifecycle.LifecycleSettings;
import org.webops.dockerhubbot.storage.DatabaseUrl;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.CredentialKinds;

/**
 * The validated configuration (README, Configuration). Built once from the environment; nothing
 * reads the environment after start-up.
 */
public record Config(
    int port,
    Secret slackBotToken,
    Optional<Secret> slackSigningSecret,
    Optional<Secret> slackAppToken,
    String approvalChannel,
    Optional<String> approverGroup,
    String dockerhubOrg,
    Optional<String> dockerhubTeam,
    AdminCredential dockerhubAdmin,
    Optional<String> serviceEmailTemplate,
    Secret circleciToken,
    URI publicBaseUrl,
    DatabaseUrl database,
    Optional<Secret> dataEncryptionKey,
    Duration secretLinkTtl,
    String slackApiUrl,
    String dockerhubApiUrl,
    String circleciApiUrl,
    boolean dryRun,
    int trustedProxyHops,
    LifecycleSettings lifecycle,
    LogFormat logFormat,
    Optional<Secret> metricsToken) {

  public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
  public static final String DEFAULT_DOCKERHUB_API_URL = "https://hub.docker.com";
  public static final String DEFAULT_CIRCLECI_API_URL = "https://circleci.com/api/v2";

  /**
   * The Docker Hub credential used for organisation management (README, "Which Docker Hub
   * credential does what").
   */
  public sealed interface AdminCredential {
    record OwnerPassword(String username, Secret password) implements AdminCredential {}

    record OrganisationToken(Secret token) implements AdminCredential {}
  }

  private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,}");
  private static final Pattern USERGROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");
  private static final Pattern HUB_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{1,254}");
  /** Docker's rule for team (group) names, as its terraform provider checks it; case is kept. */
  private static final Pattern TEAM_NAME = Pattern.compile("[A-Za-z0-9_-]{3,30}");

  /** Socket Mode when an app-level token is given, HTTP (signed requests) otherwise. */
  public boolean socketMode() {
    return slackAppToken.isPresent();
  }

  /** Service users need a team to join and an e-mail alias to sign up with. */
  public boolean serviceUsersConfigured() {
    return dockerhubTeam.isPresent() && serviceEmailTemplate.isPresent();
  }

  /** Which credential kinds this configuration can make, and why not the others. */
  public CredentialKinds credentialKinds() {
    return CredentialKinds.of(dockerhubAdmin instanceof AdminCredential.OwnerPassword,
        serviceUsersConfigured(), dataEncryptionKey.isPresent());
  }

  public static Config fromEnvironment(Map<String, String> env) {
    EnvReader in = new EnvReader(env);

    int port = in.optional("PORT", ConfigValues::parsePort).orElse(3000);
    Secret botToken = in.required("SLACK_BOT_TOKEN", ConfigValues.prefixed("xoxb-"));
    Optional<Secret> appToken = in.optional("SLACK_APP_TOKEN", ConfigValues.prefixed("xapp-"));
    Optional<Secret> signingSecret = in.optional("SLACK_SIGNING_SECRET", Secret::new);
    if (signingSecret.isEmpty() && appToken.isEmpty()) {
      in.problem("SLACK_SIGNING_SECRET is missing (it is needed unless SLACK_APP_TOKEN selects Socket Mode)");
    }
    String approvalChannel = in.required("SLACK_APPROVAL_CHANNEL", ConfigValues.matching(CHANNEL_ID, "a channel id such as C0123ABCD"));
    Optional<String> approverGroup = in.optional("SLACK_APPROVER_GROUP", ConfigValues.matching(USERGROUP_ID, "a user-group id such as S0123ABCD"));

    String org = in.required("DOCKERHUB_ORG", ConfigValues.matching(HUB_NAME, "a Docker Hub organisation name (lower-case letters, digits, - or _)"));
    Optional<String> team = in.optional("DOCKERHUB_TEAM", ConfigValues.matching(TEAM_NAME,
        "a Docker Hub team name: 3 to 30 letters, digits, - or _"));
    AdminCredential admin = adminCredential(in);
    Optional<String> emailTemplate = in.optional("SERVICE_EMAIL_TEMPLATE", ConfigValues::parseEmailTemplate);
    if (team.isPresent() != emailTemplate.isPresent() && !in.hasProblemWith("DOCKERHUB_TEAM") && !in.hasProblemWith("SERVICE_EMAIL_TEMPLATE")) {
      in.problem("DOCKERHUB_TEAM and SERVICE_EMAIL_TEMPLATE go together: set both to offer service users, or neither");
    }

    Secret circleciToken = in.required("CIRCLECI_TOKEN", Secret::new);
    URI publicBaseUrl = in.required("PUBLIC_BASE_URL", ConfigValues::parseHttpUrl);
    DatabaseUrl database = in.optional("DATABASE_URL", DatabaseUrl::parse).orElse(DatabaseUrl.parse(null));
    Optional<Secret> dataKey = in.optional("DATA_ENCRYPTION_KEY", ConfigValues::parseDataKey);
    Duration ttl = in.optional("SECRET_LINK_TTL", ConfigValues::parseTtl).orElse(Duration.ofHours(24));
    String slackApi = in.optional("SLACK_API_URL", ConfigValues::parseHttpUrl).map(URI::toString).orElse(DEFAULT_SLACK_API_URL);
    String hubApi = in.optional("DOCKERHUB_API_URL", ConfigValues::parseHttpUrl).map(URI::toString).orElse(DEFAULT_DOCKERHUB_API_URL);
    String circleApi = in.optional("CIRCLECI_API_URL", ConfigValues::parseHttpUrl).map(URI::toString).orElse(DEFAULT_CIRCLECI_API_URL);
    boolean dryRun = in.optional("DRY_RUN", ConfigValues::parseBoolean).orElse(false);
    int proxyHops = in.optional("TRUSTED_PROXY_HOPS", ConfigValues::parseHops).orElse(0);
    LifecycleSettings lifecycle = lifecycle(in);
    // Read again here only to be checked: LogSetup has used it since the first log line.
    LogFormat logFormat = in.optional("LOG_FORMAT", LogFormat::parse).orElse(LogFormat.TEXT);
    Optional<Secret> metricsToken = in.optional("METRICS_TOKEN", ConfigValues::parseMetricsToken);

    if (admin != null && !in.hasProblemWith("DOCKERHUB_TEAM")
        && !in.hasProblemWith("SERVICE_EMAIL_TEMPLATE")) {
      CredentialKinds kinds = CredentialKinds.of(admin instanceof AdminCredential.OwnerPassword,
          team.isPresent() && emailTemplate.isPresent(), dataKey.isPresent());
      if (kinds.available().isEmpty()) {
        in.problem("No credential kind can be made with this configuration: "
            + kinds.whyNot(CredentialKind.ORG_TOKEN).orElseThrow() + " "
            + kinds.whyNot(CredentialKind.SERVICE_USER).orElseThrow());
      }
    }
    in.throwIfProblems();
    return new Config(port, botToken, signingSecret, appToken, approvalChannel, approverGroup,
        org, team, admin, emailTemplate, circleciToken, publicBaseUrl, database, dataKey, ttl,
        slackApi.endsWith("/") ? slackApi : slackApi + "/",
        ConfigValues.stripTrailingSlash(hubApi), ConfigValues.stripTrailingSlash(circleApi), dryRun,
        proxyHops, lifecycle, logFormat, metricsToken);
  }

  /** Shorter than the shortest token lifetime, so that a new token is not rotated at once. */
  private static final Duration MAX_AUTO_ROTATE_BEFORE = Duration.ofDays(29);

  private static LifecycleSettings lifecycle(EnvReader in) {
    LifecycleSettings defaults = LifecycleSettings.defaults();
    return new LifecycleSettings(
        in.optional("AUTO_ROTATE_BEFORE", ConfigValues.duration(Duration.ZERO,
            MAX_AUTO_ROTATE_BEFORE, "from P0D (off) to P29D")).orElse(defaults.autoRotateBefore()),
        in.optional("ROTATION_GRACE", ConfigValues.duration(Duration.ZERO, Duration.ofDays(1),
            "from PT0S (delete at once) to P1D")).orElse(defaults.rotationGrace()),
        in.optional("REQUEST_TTL", ConfigValues.duration(Duration.ofHours(1), Duration.ofDays(30),
            "from PT1H to P30D")).orElse(defaults.requestTtl()));
  }

  private static AdminCredential adminCredential(EnvReader in) {
    Optional<String> username = in.optional("DOCKERHUB_ADMIN_USERNAME", Function.identity());
    Optional<Secret> password = in.optional("DOCKERHUB_ADMIN_PASSWORD", Secret::new);
    Optional<Secret> token = in.optional("DOCKERHUB_ADMIN_TOKEN", ConfigValues.prefixed("dckr_oat_"));
    boolean passwordLogin = username.isPresent() || password.isPresent();
    if (passwordLogin && (token.isPresent() || in.hasProblemWith("DOCKERHUB_ADMIN_TOKEN"))) {
      in.problem("DOCKERHUB_ADMIN_TOKEN conflicts with DOCKERHUB_ADMIN_USERNAME/DOCKERHUB_ADMIN_PASSWORD: set one admin credential, not both");
      return null;
    }
    if (token.isPresent()) {
      return new AdminCredential.OrganisationToken(token.get());
    }
    if (in.hasProblemWith("DOCKERHUB_ADMIN_TOKEN")) {
      return null;
    }
    if (!passwordLogin) {
      in.problem("DOCKERHUB_ADMIN_USERNAME and DOCKERHUB_ADMIN_PASSWORD (an organisation owner) or DOCKERHUB_ADMIN_TOKEN (an organisation access token) is missing");
      return null;
    }
    if (username.isEmpty()) {
      in.problem("DOCKERHUB_ADMIN_USERNAME is missing (DOCKERHUB_ADMIN_PASSWORD is set)");
      return null;
    }
    if (password.isEmpty()) {
      in.problem("DOCKERHUB_ADMIN_PASSWORD is missing (DOCKERHUB_ADMIN_USERNAME is set)");
      return null;
    }
    return new AdminCredential.OwnerPassword(username.get(), password.get());
  }

  @Override
  public String toString() {
    return "Config[port=" + port + ", mode=" + (socketMode() ? "socket" : "http")
        + ", approvalChannel=" + approvalChannel + ", approverGroup=" + approverGroup.orElse("-")
        + ", dockerhubOrg=" + dockerhubOrg + ", dockerhubTeam=" + dockerhubTeam.orElse("-")
        + ", database=" + database + ", dryRun=" + dryRun + ", trustedProxyHops="
        + trustedProxyHops + ", metrics=" + (metricsToken.isPresent() ? "on" : "off") + ", "
        + lifecycle + "]";
  }
}

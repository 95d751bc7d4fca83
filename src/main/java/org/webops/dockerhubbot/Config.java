package org.webops.dockerhubbot;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
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
    int trustedProxyHops) {

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
    Reader in = new Reader(env);

    int port = in.optional("PORT", Config::parsePort).orElse(3000);
    Secret botToken = in.required("SLACK_BOT_TOKEN", prefixed("xoxb-"));
    Optional<Secret> appToken = in.optional("SLACK_APP_TOKEN", prefixed("xapp-"));
    Optional<Secret> signingSecret = in.optional("SLACK_SIGNING_SECRET", Secret::new);
    if (signingSecret.isEmpty() && appToken.isEmpty()) {
      in.problem("SLACK_SIGNING_SECRET is missing (it is needed unless SLACK_APP_TOKEN selects Socket Mode)");
    }
    String approvalChannel = in.required("SLACK_APPROVAL_CHANNEL", matching(CHANNEL_ID, "a channel id such as C0123ABCD"));
    Optional<String> approverGroup = in.optional("SLACK_APPROVER_GROUP", matching(USERGROUP_ID, "a user-group id such as S0123ABCD"));

    String org = in.required("DOCKERHUB_ORG", matching(HUB_NAME, "a Docker Hub organisation name (lower-case letters, digits, - or _)"));
    Optional<String> team = in.optional("DOCKERHUB_TEAM", matching(TEAM_NAME,
        "a Docker Hub team name: 3 to 30 letters, digits, - or _"));
    AdminCredential admin = adminCredential(in);
    Optional<String> emailTemplate = in.optional("SERVICE_EMAIL_TEMPLATE", Config::parseEmailTemplate);
    if (team.isPresent() != emailTemplate.isPresent() && !in.hasProblemWith("DOCKERHUB_TEAM") && !in.hasProblemWith("SERVICE_EMAIL_TEMPLATE")) {
      in.problem("DOCKERHUB_TEAM and SERVICE_EMAIL_TEMPLATE go together: set both to offer service users, or neither");
    }

    Secret circleciToken = in.required("CIRCLECI_TOKEN", Secret::new);
    URI publicBaseUrl = in.required("PUBLIC_BASE_URL", Config::parseHttpUrl);
    DatabaseUrl database = in.optional("DATABASE_URL", DatabaseUrl::parse).orElse(DatabaseUrl.parse(null));
    Optional<Secret> dataKey = in.optional("DATA_ENCRYPTION_KEY", Config::parseDataKey);
    Duration ttl = in.optional("SECRET_LINK_TTL", Config::parseTtl).orElse(Duration.ofHours(24));
    String slackApi = in.optional("SLACK_API_URL", Config::parseHttpUrl).map(URI::toString).orElse(DEFAULT_SLACK_API_URL);
    String hubApi = in.optional("DOCKERHUB_API_URL", Config::parseHttpUrl).map(URI::toString).orElse(DEFAULT_DOCKERHUB_API_URL);
    String circleApi = in.optional("CIRCLECI_API_URL", Config::parseHttpUrl).map(URI::toString).orElse(DEFAULT_CIRCLECI_API_URL);
    boolean dryRun = in.optional("DRY_RUN", Config::parseBoolean).orElse(false);
    int proxyHops = in.optional("TRUSTED_PROXY_HOPS", Config::parseHops).orElse(0);

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
        stripTrailingSlash(hubApi), stripTrailingSlash(circleApi), dryRun, proxyHops);
  }

  private static AdminCredential adminCredential(Reader in) {
    Optional<String> username = in.optional("DOCKERHUB_ADMIN_USERNAME", Function.identity());
    Optional<Secret> password = in.optional("DOCKERHUB_ADMIN_PASSWORD", Secret::new);
    Optional<Secret> token = in.optional("DOCKERHUB_ADMIN_TOKEN", prefixed("dckr_oat_"));
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

  private static int parsePort(String value) {
    int port = Integer.parseInt(value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("expected a port number from 0 to 65535");
    }
    return port;
  }

  private static int parseHops(String value) {
    int hops = Integer.parseInt(value);
    if (hops < 0 || hops > 10) {
      throw new IllegalArgumentException("expected how many proxies are in front, from 0 to 10");
    }
    return hops;
  }

  private static URI parseHttpUrl(String value) {
    URI uri = URI.create(value);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an absolute http:// or https:// URL");
    }
    return uri;
  }

  private static String parseEmailTemplate(String value) {
    if (!value.contains("{id}") || !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new IllegalArgumentException("expected an e-mail address containing {id}, such as webops+{id}@example.org");
    }
    return value;
  }

  private static Secret parseDataKey(String value) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected base64 (generate one with: openssl rand -base64 32)");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("expected 32 bytes after base64 decoding, got " + key.length);
    }
    return new Secret(value.trim());
  }

  private static Duration parseTtl(String value) {
    Duration ttl;
    try {
      ttl = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected an ISO-8601 duration such as PT24H");
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("expected a duration above zero and at most 7 days (P7D)");
    }
    return ttl;
  }

  private static boolean parseBoolean(String value) {
    return switch (value.trim().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  private static Function<String, Secret> prefixed(String prefix) {
    return value -> {
      if (!value.startsWith(prefix)) {
        throw new IllegalArgumentException("expected a value starting with " + prefix);
      }
      return new Secret(value);
    };
  }

  private static Function<String, String> matching(Pattern pattern, String expected) {
    return value -> {
      if (!pattern.matcher(value).matches()) {
        throw new IllegalArgumentException("expected " + expected);
      }
      return value;
    };
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Collects problems instead of stopping at the first; values never appear in messages. */
  private static final class Reader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    private final List<String> badNames = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = env;
    }

    <T> T required(String name, Function<String, T> parse) {
      Optional<T> value = optional(name, parse);
      if (value.isEmpty() && !badNames.contains(name)) {
        problem(name + " is missing");
        badNames.add(name);
      }
      return value.orElse(null);
    }

    <T> Optional<T> optional(String name, Function<String, T> parse) {
      String raw = env.get(name);
      if (raw == null || raw.isBlank()) {
        return Optional.empty();
      }
      try {
        return Optional.of(parse.apply(raw.trim()));
      } catch (RuntimeException e) {
        String why = e instanceof NumberFormatException ? "expected a whole number" : e.getMessage();
        problem(name + " is malformed: " + why);
        badNames.add(name);
        return Optional.empty();
      }
    }

    boolean hasProblemWith(String name) {
      return badNames.contains(name);
    }

    void problem(String text) {
      problems.add(text);
    }

    void throwIfProblems() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }
  }

  @Override
  public String toString() {
    return "Config[port=" + port + ", mode=" + (socketMode() ? "socket" : "http")
        + ", approvalChannel=" + approvalChannel + ", approverGroup=" + approverGroup.orElse("-")
        + ", dockerhubOrg=" + dockerhubOrg + ", dockerhubTeam=" + dockerhubTeam.orElse("-")
        + ", database=" + database + ", dryRun=" + dryRun + ", trustedProxyHops="
        + trustedProxyHops + "]";
  }
}

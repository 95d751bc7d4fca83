package org.webops.dockerhubbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.webops.dockerhubbot.workflow.CredentialKind;

class ConfigTest {
  private static final String ADMIN_PASSWORD = "admin-pass-5c1e9";
  private static final String DATABASE_PASSWORD = "db-pass-9b7f2";

  static Map<String, String> complete() {
    Map<String, String> env = new HashMap<>();
    env.put("SLACK_BOT_TOKEN", "xoxb-1-2-3");
    env.put("SLACK_SIGNING_SECRET", "signing");
    env.put("SLACK_APPROVAL_CHANNEL", "C0123ABCD");
    env.put("DOCKERHUB_ORG", "exampleorg");
    env.put("DOCKERHUB_ADMIN_USERNAME", "owner");
    env.put("DOCKERHUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("CIRCLECI_TOKEN", "circle");
    env.put("PUBLIC_BASE_URL", "https://bot.example.org");
    return env;
  }

  @Test
  void fromEnvironment_requiredOnly_defaultsApplied() {
    // when
    Config config = Config.fromEnvironment(complete());

    // then
    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.socketMode()).isFalse();
    assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:h2:file:./data/dockerhub-user-bot");
    assertThat(config.secretLinkTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(config.slackApiUrl()).isEqualTo("https://slack.com/api/");
    assertThat(config.dockerhubApiUrl()).isEqualTo("https://hub.docker.com");
    assertThat(config.circleciApiUrl()).isEqualTo("https://circleci.com/api/v2");
    assertThat(config.dryRun()).isFalse();
    assertThat(config.trustedProxyHops()).isZero();
    assertThat(config.lifecycle().autoRotateBefore()).isEqualTo(Duration.ofDays(7));
    assertThat(config.lifecycle().rotationGrace()).isEqualTo(Duration.ofHours(1));
    assertThat(config.lifecycle().requestTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(config.serviceUsersConfigured()).isFalse();
    assertThat(config.dockerhubAdmin()).isInstanceOf(Config.AdminCredential.OwnerPassword.class);
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.metricsToken()).isEmpty();
    assertThat(config.toString()).contains("metrics=off");
  }

  @Test
  void fromEnvironment_everythingSet_readsEachValue() {
    // given
    Map<String, String> env = withOrganisationTokenOnly();
    env.put("PORT", "8080");
    env.put("SLACK_APP_TOKEN", "xapp-1");
    env.put("SLACK_APPROVER_GROUP", "S0123ABCD");
    env.put("DOCKERHUB_TEAM", "pullers");
    env.put("SERVICE_EMAIL_TEMPLATE", "webops+{id}@example.org");
    env.put("DATABASE_URL", "postgres://bot:" + DATABASE_PASSWORD + "@db.example.org:5433/bot");
    env.put("DATA_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    env.put("SECRET_LINK_TTL", "PT2H");
    env.put("SLACK_API_URL", "http://127.0.0.1:1234/api");
    env.put("DOCKERHUB_API_URL", "http://127.0.0.1:1235/");
    env.put("CIRCLECI_API_URL", "http://127.0.0.1:1236/api/v2");
    env.put("DRY_RUN", "true");
    env.put("TRUSTED_PROXY_HOPS", "1");
    env.put("AUTO_ROTATE_BEFORE", "P10D");
    env.put("ROTATION_GRACE", "PT0S");
    env.put("REQUEST_TTL", "P2D");
    env.put("LOG_FORMAT", "JSON");
    env.put("METRICS_TOKEN", " metrics-token-7c4e1f09 ");

    // when
    Config config = Config.fromEnvironment(env);

    // then
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.socketMode()).isTrue();
    assertThat(config.approverGroup()).contains("S0123ABCD");
    assertThat(config.serviceUsersConfigured()).isTrue();
    assertThat(config.dockerhubAdmin()).isInstanceOf(Config.AdminCredential.OrganisationToken.class);
    assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5433/bot");
    assertThat(config.database().username()).contains("bot");
    assertThat(config.database().password()).contains(DATABASE_PASSWORD);
    assertThat(config.secretLinkTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(config.slackApiUrl()).isEqualTo("http://127.0.0.1:1234/api/");
    assertThat(config.dockerhubApiUrl()).isEqualTo("http://127.0.0.1:1235");
    assertThat(config.circleciApiUrl()).isEqualTo("http://127.0.0.1:1236/api/v2");
    assertThat(config.dryRun()).isTrue();
    assertThat(config.trustedProxyHops()).isEqualTo(1);
    assertThat(config.lifecycle().autoRotateBefore()).isEqualTo(Duration.ofDays(10));
    assertThat(config.lifecycle().rotationGrace()).isZero();
    assertThat(config.lifecycle().requestTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.metricsToken()).map(Secret::reveal).contains("metrics-token-7c4e1f09");
    assertThat(config.toString()).doesNotContain(DATABASE_PASSWORD, "dckr_oat_abc", "xoxb-1-2-3",
        "metrics-token-7c4e1f09").contains("metrics=on");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APPROVAL_CHANNEL",
      "DOCKERHUB_ORG", "CIRCLECI_TOKEN", "PUBLIC_BASE_URL"})
  void fromEnvironment_requiredVariableMissing_namedInError(String name) {
    Map<String, String> env = complete();
    env.remove(name);

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .containsExactly(name + " is missing" + (name.equals("SLACK_SIGNING_SECRET")
                ? " (it is needed unless SLACK_APP_TOKEN selects Socket Mode)" : "")));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("PORT", "eighty"),
        Arguments.of("PORT", "70000"),
        Arguments.of("SLACK_BOT_TOKEN", "xoxp-user-token"),
        Arguments.of("SLACK_APP_TOKEN", "xoxb-not-an-app-token"),
        Arguments.of("SLACK_APPROVAL_CHANNEL", "#webops"),
        Arguments.of("SLACK_APPROVER_GROUP", "webops"),
        Arguments.of("DOCKERHUB_ORG", "Example Org"),
        Arguments.of("SERVICE_EMAIL_TEMPLATE", "webops@example.org"),
        Arguments.of("PUBLIC_BASE_URL", "bot.example.org"),
        Arguments.of("DATABASE_URL", "mysql://x"),
        Arguments.of("DATA_ENCRYPTION_KEY", "c2hvcnQ="),
        Arguments.of("DATA_ENCRYPTION_KEY", "not base64!"),
        Arguments.of("SECRET_LINK_TTL", "24 hours"),
        Arguments.of("SECRET_LINK_TTL", "P30D"),
        Arguments.of("SLACK_API_URL", "ftp://slack"),
        Arguments.of("DOCKERHUB_API_URL", "hub.docker.com"),
        Arguments.of("CIRCLECI_API_URL", "::"),
        Arguments.of("DRY_RUN", "maybe"),
        Arguments.of("DOCKERHUB_TEAM", "ab"),
        Arguments.of("DOCKERHUB_TEAM", "ci pullers"),
        Arguments.of("TRUSTED_PROXY_HOPS", "-1"),
        Arguments.of("TRUSTED_PROXY_HOPS", "one"),
        Arguments.of("AUTO_ROTATE_BEFORE", "7 days"),
        Arguments.of("AUTO_ROTATE_BEFORE", "P30D"),
        Arguments.of("AUTO_ROTATE_BEFORE", "-P1D"),
        Arguments.of("ROTATION_GRACE", "P2D"),
        Arguments.of("REQUEST_TTL", "PT30M"),
        Arguments.of("REQUEST_TTL", "P31D"),
        Arguments.of("LOG_FORMAT", "logfmt"),
        Arguments.of("METRICS_TOKEN", "too-short-15chr"),
        Arguments.of("METRICS_TOKEN", "long enough but has spaces"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("malformed")
  void fromEnvironment_malformedVariable_namedInError(String name, String value) {
    Map<String, String> env = complete();
    env.put(name, value);
    if (name.equals("SERVICE_EMAIL_TEMPLATE")) {
      env.put("DOCKERHUB_TEAM", "pullers");
    }

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .singleElement().asString().startsWith(name + " is malformed: "));
  }

  @Test
  void fromEnvironment_organisationTokenOnlyAndNoServiceUsers_noKindCanWorkReported() {
    Map<String, String> env = withOrganisationTokenOnly();

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("No credential kind can be made")
        .hasMessageContaining("owner's username and password")
        .hasMessageContaining("DOCKERHUB_TEAM and SERVICE_EMAIL_TEMPLATE")
        .hasMessageNotContaining("dckr_oat_abc");
  }

  @Test
  void credentialKinds_organisationTokenWithServiceUsers_onlyServiceUsersOffered() {
    Map<String, String> env = withOrganisationTokenOnly();
    env.put("DOCKERHUB_TEAM", "Ci_Pullers");
    env.put("SERVICE_EMAIL_TEMPLATE", "webops+{id}@example.org");
    env.put("DATA_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));

    Config config = Config.fromEnvironment(env);

    assertThat(config.credentialKinds().available())
        .containsExactly(CredentialKind.SERVICE_USER);
    assertThat(config.credentialKinds().whyNot(
        CredentialKind.ORG_TOKEN)).hasValueSatisfying(why ->
        assertThat(why).contains("does not let an organisation access token manage"));
    assertThat(config.dockerhubTeam()).contains("Ci_Pullers"); // Docker's rule keeps the case
  }

  private static Map<String, String> withOrganisationTokenOnly() {
    Map<String, String> env = complete();
    env.remove("DOCKERHUB_ADMIN_USERNAME");
    env.remove("DOCKERHUB_ADMIN_PASSWORD");
    env.put("DOCKERHUB_ADMIN_TOKEN", "dckr_oat_abc");
    return env;
  }

  @Test
  void toString_databaseUrlWithPasswordInAnyForm_neverShowsIt() {
    for (String url : new String[] {"jdbc:postgresql://db/bot?user=bot&password=pw-query-1",
        "jdbc:h2:file:./data/bot;USER=sa;PASSWORD=pw-h2-2", "postgres://bot:pw-userinfo-3@db/bot"}) {
      Map<String, String> env = complete();
      env.put("DATABASE_URL", url);
      assertThat(Config.fromEnvironment(env).toString()).as(url).doesNotContain("pw-");
    }
  }

  @Test
  void fromEnvironment_manyProblems_allReportedAtOnce() {
    // given
    Map<String, String> env = complete();
    env.remove("SLACK_BOT_TOKEN");
    env.remove("CIRCLECI_TOKEN");
    env.put("PORT", "x");
    env.put("DRY_RUN", "perhaps");

    // when / then
    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("4 problems")
        .hasMessageContaining("SLACK_BOT_TOKEN is missing")
        .hasMessageContaining("CIRCLECI_TOKEN is missing")
        .hasMessageContaining("PORT is malformed")
        .hasMessageContaining("DRY_RUN is malformed");
  }

  @Test
  void fromEnvironment_bothAdminCredentials_conflictReported() {
    Map<String, String> env = complete();
    env.put("DOCKERHUB_ADMIN_TOKEN", "dckr_oat_abc");

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .hasMessageContaining("DOCKERHUB_ADMIN_TOKEN conflicts with DOCKERHUB_ADMIN_USERNAME");
  }

  @Test
  void fromEnvironment_noAdminCredential_missingReported() {
    Map<String, String> env = complete();
    env.remove("DOCKERHUB_ADMIN_USERNAME");
    env.remove("DOCKERHUB_ADMIN_PASSWORD");

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .hasMessageContaining("DOCKERHUB_ADMIN_USERNAME and DOCKERHUB_ADMIN_PASSWORD")
        .hasMessageContaining("or DOCKERHUB_ADMIN_TOKEN");
  }

  @Test
  void fromEnvironment_usernameWithoutPassword_passwordNamed() {
    Map<String, String> env = complete();
    env.remove("DOCKERHUB_ADMIN_PASSWORD");

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .hasMessageContaining("DOCKERHUB_ADMIN_PASSWORD is missing");
  }

  @Test
  void fromEnvironment_teamWithoutEmailTemplate_reportedAsPair() {
    Map<String, String> env = complete();
    env.put("DOCKERHUB_TEAM", "pullers");

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .hasMessageContaining("DOCKERHUB_TEAM and SERVICE_EMAIL_TEMPLATE go together");
  }

  @Test
  void fromEnvironment_socketModeWithoutSigningSecret_accepted() {
    Map<String, String> env = complete();
    env.remove("SLACK_SIGNING_SECRET");
    env.put("SLACK_APP_TOKEN", "xapp-1");

    assertThat(Config.fromEnvironment(env).socketMode()).isTrue();
  }

  @Test
  void fromEnvironment_malformedSecrets_valuesNeverInMessage() {
    // given: secrets in malformed shapes
    Map<String, String> env = complete();
    env.put("DATABASE_URL", "postgres://bot:" + DATABASE_PASSWORD + "@ho st/db");
    env.put("DATA_ENCRYPTION_KEY", "secret-key-material-" + ADMIN_PASSWORD);
    env.put("SLACK_BOT_TOKEN", "xoxp-" + ADMIN_PASSWORD);
    env.put("METRICS_TOKEN", "short" + ADMIN_PASSWORD.substring(0, 4));

    // when / then
    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .hasMessageContaining("DATABASE_URL is malformed")
        .hasMessageContaining("DATA_ENCRYPTION_KEY is malformed")
        .hasMessageContaining("SLACK_BOT_TOKEN is malformed")
        .hasMessageContaining("METRICS_TOKEN is malformed: expected at least 16 characters")
        .hasMessageNotContaining("short" + ADMIN_PASSWORD.substring(0, 4))
        .hasMessageNotContaining(DATABASE_PASSWORD)
        .hasMessageNotContaining(ADMIN_PASSWORD);
  }
}

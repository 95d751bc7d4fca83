package org.webops.dockerhubbot.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.TestBot;

/**
 * The bot's own credentials end to end: the whole bot against the fake Slack, Docker Hub and
 * CircleCI; someone breaks a credential on the fake, the clock moves a day, and the daily check
 * shows it on {@code /health} and posts it once to the approval channel, and its fix once.
 */
class CredentialHealthIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String NEW_PASSWORD = "changed-Password-9x!k";
  private static final String CIRCLECI_TOKEN = "circle-test-token";

  @RegisterExtension final RunningBot running = new RunningBot();
  private LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = new LogCapture();
  }

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  @Test
  void startUp_allAccepted_eachOkAndNothingPosted() {
    TestBot bot = running.bot();

    JsonNode health = bot.health();

    assertThat(health.path("status").asText()).isEqualTo("ok");
    for (String credential : List.of("dockerhub_admin", "circleci_token", "slack_bot_token")) {
      JsonNode shown = health.path("credentials").path(credential);
      assertThat(shown.path("status").asText()).as(credential).isEqualTo("ok");
      assertThat(shown.path("checked_at").asText()).as(credential).isNotEmpty();
      assertThat(shown.has("reason")).as(credential).isFalse();
    }
    assertThat(bot.circleci().count("GET", "/me")).isEqualTo(1);
    assertThat(healthPosts()).isEmpty();
    System.out.println("/health at start-up: " + health.toPrettyString());
  }

  @Test
  void adminPasswordChanged_failingPostedOnce_notAgainNextDay_fixedPostedOnce() {
    TestBot bot = running.bot();

    // when: someone changes the admin's password on Docker Hub, and a day passes
    bot.dockerhub().changePassword(TestBot.ADMIN_USER, NEW_PASSWORD);
    bot.clock().advance(Duration.ofDays(1));

    // then: /health says why, the channel hears it once, the audit trail has it
    JsonNode failing = awaitStatus(bot, "dockerhub_admin", "failing");
    assertThat(failing.path("reason").asText()).isEqualTo(
        "Docker Hub refused the admin login (password changed or account locked)");
    assertThat(failing.path("since").asText()).isNotEmpty();
    assertThat(bot.health().path("status").asText()).isEqualTo("degraded");
    String posted = awaitHealthPosts(1).get(0);
    assertThat(posted).contains(":rotating_light: *The Docker Hub admin login is failing*: Docker"
        + " Hub refused the admin login (password changed or account locked).");
    System.out.println("Failing post: " + posted);
    assertThat(auditDetails("CREDENTIAL_FAILING")).containsExactly("dockerhub_admin: Docker Hub"
        + " refused the admin login (password changed or account locked)");

    // when: another day, still failing
    String checked = failing.path("checked_at").asText();
    bot.clock().advance(Duration.ofDays(1));
    Await.until(() -> !credential(bot, "dockerhub_admin").path("checked_at").asText()
        .equals(checked), WAIT, () -> "the next day's check; /health: " + bot.health());

    // then: still failing, since the first day, and no new notice
    assertThat(credential(bot, "dockerhub_admin").path("status").asText()).isEqualTo("failing");
    assertThat(credential(bot, "dockerhub_admin").path("since").asText())
        .isEqualTo(failing.path("since").asText());
    assertThat(outboxRows()).isEqualTo(1);

    // when: the password is put back, and a day passes
    bot.dockerhub().changePassword(TestBot.ADMIN_USER, TestBot.ADMIN_PASSWORD);
    bot.clock().advance(Duration.ofDays(1));

    // then: ok again, "works again" posted once; the failure was posted once in all
    awaitStatus(bot, "dockerhub_admin", "ok");
    List<String> posts = awaitHealthPosts(2);
    assertThat(posts.get(1)).contains(":white_check_mark: *The Docker Hub admin login works"
        + " again*. It had been failing since <!date^", "(Docker Hub refused the admin login");
    System.out.println("Fixed post: " + posts.get(1));
    assertThat(posts).filteredOn(text -> text.contains("is failing")).hasSize(1);
    assertThat(bot.health().path("status").asText()).isEqualTo("ok");
    assertThat(auditDetails("CREDENTIAL_FIXED")).hasSize(1);
    assertNoSecretAnywhere(bot, NEW_PASSWORD);
  }

  @Test
  void twoFactorTurnedOn_failingWithItsOwnReason() {
    TestBot bot = running.bot();

    bot.dockerhub().enableTwoFactor(TestBot.ADMIN_USER);
    bot.clock().advance(Duration.ofDays(1));

    assertThat(awaitStatus(bot, "dockerhub_admin", "failing").path("reason").asText())
        .isEqualTo("Docker Hub asks for a second factor for the admin login: use an"
            + " organisation access token or an account without 2FA");
    assertThat(awaitHealthPosts(1).get(0)).contains("asks for a second factor");
    assertNoSecretAnywhere(bot);
  }

  @Test
  void adminOrganisationTokenRevoked_failingExpiredOrRevoked() {
    TestBot bot = running.restartWith(Map.of("DOCKERHUB_ADMIN_USERNAME", "",
        "DOCKERHUB_ADMIN_PASSWORD", "", "DOCKERHUB_ADMIN_TOKEN", TestBot.ADMIN_TOKEN));
    assertThat(credential(bot, "dockerhub_admin").path("status").asText()).isEqualTo("ok");

    bot.dockerhub().revokeAdminOrgToken();
    bot.clock().advance(Duration.ofDays(1));

    assertThat(awaitStatus(bot, "dockerhub_admin", "failing").path("reason").asText())
        .isEqualTo("Docker Hub refused DOCKERHUB_ADMIN_TOKEN: the organisation access token is"
            + " expired or revoked");
    assertThat(awaitHealthPosts(1).get(0)).contains("expired or revoked");
    assertNoSecretAnywhere(bot);
  }

  @Test
  void circleCiTokenRevoked_failing() {
    TestBot bot = running.bot();

    bot.circleci().revokeToken(CIRCLECI_TOKEN);
    bot.clock().advance(Duration.ofDays(1));

    assertThat(awaitStatus(bot, "circleci_token", "failing").path("reason").asText())
        .isEqualTo("CircleCI refused CIRCLECI_TOKEN (revoked?)");
    assertThat(awaitHealthPosts(1).get(0)).contains(
        "*The CircleCI token (`CIRCLECI_TOKEN`) is failing*: CircleCI refused CIRCLECI_TOKEN"
            + " (revoked?).");
    assertThat(credential(bot, "dockerhub_admin").path("status").asText()).isEqualTo("ok");
    assertNoSecretAnywhere(bot);
  }

  @Test
  void slackTokenRevoked_failing() {
    TestBot bot = running.bot();

    running.slack().refuseToken("token_revoked");
    bot.clock().advance(Duration.ofDays(1));

    assertThat(awaitStatus(bot, "slack_bot_token", "failing").path("reason").asText())
        .isEqualTo("Slack refused SLACK_BOT_TOKEN (token_revoked)");
    // The fake still takes messages; the real Slack would keep the notice in the outbox until
    // the token works again.
    assertThat(awaitHealthPosts(1).get(0)).contains("*The Slack bot token (`SLACK_BOT_TOKEN`) is"
        + " failing*: Slack refused SLACK_BOT_TOKEN (token_revoked).");
    assertNoSecretAnywhere(bot);
  }

  @Test
  void circleCiDown_unreachableNotPosted_askedAgainSoonerAndOk() {
    TestBot bot = running.bot();

    // when: CircleCI answers 503 to everything at the next day's check
    bot.circleci().failWith(503);
    bot.clock().advance(Duration.ofDays(1));

    // then: shown, degraded, but nothing posted (it says nothing about the token)
    JsonNode unreachable = awaitStatus(bot, "circleci_token", "unreachable");
    assertThat(unreachable.path("reason").asText())
        .isEqualTo("could not reach CircleCI (answered 503)");
    assertThat(bot.health().path("status").asText()).isEqualTo("degraded");

    // when: it answers again, and a quarter of an hour passes
    bot.circleci().failWith(0);
    bot.clock().advance(CredentialHealth.RETRY_UNREACHABLE);

    // then: ok, and still nothing was posted
    awaitStatus(bot, "circleci_token", "ok");
    assertThat(outboxRows()).isZero();
    assertThat(healthPosts()).isEmpty();
  }

  @Test
  void twoInstances_eachSeesTheFailure_postedOnceAndFixedOnce() throws Exception {
    try (TestBot second = new TestBot(running.dataDir(), running.slack(), Map.of())) {
      TestBot first = running.bot();
      // each instance has its own fake Docker Hub, in which the same thing happens
      for (TestBot bot : List.of(first, second)) {
        bot.dockerhub().changePassword(TestBot.ADMIN_USER, NEW_PASSWORD);
        bot.clock().advance(Duration.ofDays(1));
      }

      awaitStatus(first, "dockerhub_admin", "failing");
      awaitStatus(second, "dockerhub_admin", "failing");
      assertThat(awaitHealthPosts(1)).hasSize(1);
      assertThat(outboxRows()).isEqualTo(1);

      for (TestBot bot : List.of(first, second)) {
        bot.dockerhub().changePassword(TestBot.ADMIN_USER, TestBot.ADMIN_PASSWORD);
        bot.clock().advance(Duration.ofDays(1));
      }
      awaitStatus(first, "dockerhub_admin", "ok");
      awaitStatus(second, "dockerhub_admin", "ok");
      List<String> posts = awaitHealthPosts(2);
      assertThat(posts).filteredOn(text -> text.contains("is failing")).hasSize(1);
      assertThat(posts).filteredOn(text -> text.contains("works again")).hasSize(1);
      assertThat(outboxRows()).isEqualTo(2);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static JsonNode credential(TestBot bot, String name) {
    return bot.health().path("credentials").path(name);
  }

  private static JsonNode awaitStatus(TestBot bot, String name, String status) {
    Await.until(() -> credential(bot, name).path("status").asText().equals(status), WAIT,
        () -> name + " " + status + "; /health: " + bot.health());
    return credential(bot, name);
  }

  /** The approval channel's messages about the bot's credentials, oldest first. */
  private List<String> healthPosts() {
    return running.slack().posts(TestBot.APPROVAL_CHANNEL).stream()
        .map(call -> call.param("text"))
        .filter(text -> text.contains("is failing*") || text.contains("works again*"))
        .toList();
  }

  private List<String> awaitHealthPosts(int count) {
    Await.until(() -> healthPosts().size() >= count, WAIT,
        () -> count + " credential posts; so far: " + healthPosts());
    return healthPosts();
  }

  private int outboxRows() {
    return count("SELECT COUNT(*) FROM outbox WHERE event LIKE ?",
        "%credential_health_changed%");
  }

  private List<String> auditDetails(String action) {
    DataSource data = running.bot().requestsDataSource();
    try (Connection c = data.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT detail FROM audit_events WHERE action = ?"
            + " AND request_id IS NULL ORDER BY id")) {
      ps.setString(1, action);
      try (ResultSet rows = ps.executeQuery()) {
        List<String> details = new java.util.ArrayList<>();
        while (rows.next()) {
          details.add(rows.getString(1));
        }
        return details;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int count(String sql, String parameter) {
    DataSource data = running.bot().requestsDataSource();
    try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, parameter);
      try (ResultSet rows = ps.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** No credential's value in /health, in anything sent to Slack, in the audit or the logs. */
  private void assertNoSecretAnywhere(TestBot bot, String... more) {
    List<String> secrets = new java.util.ArrayList<>(List.of(TestBot.ADMIN_PASSWORD,
        TestBot.ADMIN_TOKEN, TestBot.BOT_TOKEN, TestBot.SIGNING_SECRET, CIRCLECI_TOKEN));
    secrets.addAll(List.of(more));
    String health = bot.health().toString();
    List<String> slack = running.slack().allBodies();
    String logged = logs.text();
    String audit = String.join("\n", auditDetails("CREDENTIAL_FAILING"))
        + String.join("\n", auditDetails("CREDENTIAL_FIXED"));
    for (String secret : secrets) {
      assertThat(health).doesNotContain(secret);
      assertThat(slack).noneMatch(body -> body.contains(secret));
      assertThat(logged).doesNotContain(secret);
      assertThat(audit).doesNotContain(secret);
    }
    assertThat(running.slack().calls("auth.test")).extracting(FakeSlack.Call::body)
        .noneMatch(body -> body.contains(TestBot.BOT_TOKEN));
  }
}

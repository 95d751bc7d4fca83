package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.CircleCiToken;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;
import org.webops.dockerhubbot.drift.DriftCheck;
import org.webops.dockerhubbot.drift.DriftReporting;
import org.webops.dockerhubbot.drift.DriftSettings;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcCredentialStore;
import org.webops.dockerhubbot.storage.JdbcDriftReports;
import org.webops.dockerhubbot.storage.JdbcRunStore;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.Authority;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Drift end to end: the bot makes credentials against the fake APIs, someone changes Docker Hub or
 * CircleCI behind its back, and {@code /dockerhub-user drift} (signed, as Slack sends it) or the
 * daily check, by moving the clock, finds each kind of difference; the approval channel hears of
 * a report only when it changed.
 */
class DriftIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RELAY = Duration.ofSeconds(20);

  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;
  private FakeDockerHub hub;
  private int asked;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
    hub = running.bot().dockerhub();
  }

  @Test
  void orgTokenDeleted_reportedOnceWithButtons_notAgainUntilSomethingElseChanges()
      throws Exception {
    // given: a live organisation token, and nothing changed yet
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    FakeDockerHub.OrgToken token = hub.orgTokens().get(0);
    assertThat(drift(Flow.APPROVER)).contains("no differences", "not told again");
    assertThat(reports()).isEmpty();

    // when: someone deletes the token in Docker Hub
    hub.removeOrgToken(token.id());
    String answer = drift(Flow.APPROVER);

    // then: the approver is answered, the channel told once, with Rotate and Revoke
    assertThat(answer).contains("1 difference", "*Request #" + flow.id() + "*",
        "`" + token.label() + "` is gone from Docker Hub", "posted in <#" + TestBot.APPROVAL_CHANNEL);
    FakeSlack.Call report = awaitReports(1).get(0);
    assertThat(report.param("text")).contains("is gone from Docker Hub", token.label());
    assertThat(buttons(report)).containsExactly("rotate-action=" + flow.id(),
        "revoke-action=" + flow.id());
    System.out.println("Drift report:\n" + report.param("text"));

    // when: nothing more changes
    assertThat(drift(Flow.APPROVER)).contains("is gone from Docker Hub", "not told again");

    // then: not posted again
    assertThat(reports()).hasSize(1);

    // when: a CircleCI variable goes too
    flow.bot().circleci().deleteProjectVariable(Flow.PIPELINE, "DOCKER_ACCESS_TOKEN");

    // then: a new report, with both
    assertThat(drift(Flow.APPROVER)).contains("2 differences",
        "`DOCKER_ACCESS_TOKEN` is missing from the project's environment variables",
        "posted in");
    assertThat(awaitReports(2).get(1).param("text")).contains("is gone from Docker Hub",
        "`DOCKER_ACCESS_TOKEN` is missing");
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .filteredOn("DRIFT_FOUND"::equals).hasSize(2);
    assertThat(auditCount("DRIFT_REPORTED")).isEqualTo(4);
    assertNoSecretInSlack(token.token());
  }

  @Test
  void orgTokenDeactivated_reportedWithRotateAndRevoke() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    FakeDockerHub.OrgToken token = hub.orgTokens().get(0);

    hub.deactivateOrgToken(token.id());

    assertThat(drift(Flow.APPROVER)).contains("`" + token.label() + "` is deactivated in Docker"
        + " Hub");
    FakeSlack.Call report = awaitReports(1).get(0);
    assertThat(buttons(report)).containsExactly("rotate-action=" + flow.id(),
        "revoke-action=" + flow.id());
    assertNoSecretInSlack(token.token());
  }

  @Test
  void serviceUserRemovedFromTeam_reportedWithRevokeOnly() throws Exception {
    // given: a live service user
    String dockerId = serviceUserDone();
    String token = hub.personalTokens(dockerId).get(0).token();
    int loginsBefore = loginsAs(dockerId);
    assertThat(drift(Flow.APPROVER)).contains("no differences");

    // when: someone takes it out of the team
    hub.removeFromTeam(dockerId);

    // then: reported; a rotation would not put it back, so Revoke only
    assertThat(drift(Flow.APPROVER)).contains("Its service user `" + dockerId
        + "` is not in the team `" + TestBot.TEAM + "` any more");
    FakeSlack.Call report = awaitReports(1).get(0);
    assertThat(buttons(report)).containsExactly("revoke-action=" + flow.id());
    assertThat(loginsAs(dockerId)).as("never logs in as the service user")
        .isEqualTo(loginsBefore);
    assertNoSecretInSlack(token);
  }

  @Test
  void orphanTokenAndHandMadeTeamMember_reportedWithoutButtons() throws Exception {
    // given: no request at all, but a token with the bot's prefix, another tool's token and
    // an account added to the team by hand
    hub.addOrgToken("circleci-legacy-r7-g1");
    hub.addOrgToken("terraform-ci");
    hub.addToTeam("alice-by-hand");

    // when
    String answer = drift(Flow.APPROVER);

    // then
    assertThat(answer).contains("2 differences",
        "The organisation token `circleci-legacy-r7-g1` carries the bot's label but belongs to"
            + " no live request",
        "`alice-by-hand` is in the team `" + TestBot.TEAM + "` but is no live request's service"
            + " user")
        .doesNotContain("terraform-ci");
    FakeSlack.Call report = awaitReports(1).get(0);
    assertThat(buttons(report)).isEmpty();
    assertThat(report.param("text")).contains("circleci-legacy-r7-g1", "alice-by-hand");
  }

  @Test
  void drift_byNonApprover_refusedWithoutCallingDockerHub() throws Exception {
    hub.addOrgToken("circleci-legacy-r7-g1");

    String answer = drift("U0OUTSIDER");

    assertThat(answer).contains(":no_entry: Only webops approvers can check for drift.");
    assertThat(hub.count("GET", "/v2/orgs/" + TestBot.ORG + "/access-tokens")).isZero();
    assertThat(reports()).isEmpty();
    assertThat(auditCount("DRIFT_REFUSED")).isEqualTo(1);
  }

  @Test
  void drift_dockerHubRefuses_answersThatItCouldNotFinishAndPostsNothing() throws Exception {
    hub.addOrgToken("circleci-legacy-r7-g1");
    hub.failNext("GET", "/v2/orgs/" + TestBot.ORG + "/access-tokens", 403, 1);

    String answer = drift(Flow.APPROVER);

    assertThat(answer).contains(":warning: The drift check could not finish, so nothing was"
        + " reported", "403");
    assertThat(reports()).isEmpty();
    assertThat(auditCount("DRIFT_CHECK_FAILED")).isEqualTo(1);
    assertThat(auditCount("DRIFT_REPORTED")).isZero();
  }

  @Test
  void daily_movingTheClock_reportsOnceADayAcrossRacingInstances() throws Exception {
    // given: a live token, the bot's first day gone by without a report (it owes none)
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    DataSource data = flow.bot().requestsDataSource();
    JdbcDriftReports stored = new JdbcDriftReports(data);
    Await.until(stored::anyDaily, Duration.ofSeconds(10), () -> "the first daily sweep");
    FakeDockerHub.OrgToken token = hub.orgTokens().get(0);
    hub.removeOrgToken(token.id());
    assertThat(reports()).isEmpty();

    // when: a day passes, and two more instances' sweeps race the bot's own for it
    flow.bot().clock().advance(Duration.ofDays(1));
    List<DriftReporting> others = List.of(otherInstance(data), otherInstance(data));
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (DriftReporting other : others) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        other.daily();
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(20).toMillis());
    }

    // then: one report in the channel, marked as the daily one; one audit row for the day
    String day = DriftReporting.dailyKey(flow.bot().clock().instant());
    Await.until(() -> stored.done(day), Duration.ofSeconds(10), () -> "the day's check");
    FakeSlack.Call report = awaitReports(1).get(0);
    assertThat(report.param("blocks")).contains("Daily check.");
    assertThat(report.param("text")).contains("is gone from Docker Hub");
    assertThat(auditCount("DRIFT_REPORTED")).isEqualTo(1);
    assertThat(drift(Flow.APPROVER)).contains("not told again");
    assertThat(reports()).hasSize(1);

    // when: another day passes and nothing changed
    flow.bot().clock().advance(Duration.ofDays(1));

    // then: the day's check runs and is recorded, but not posted again
    String next = DriftReporting.dailyKey(flow.bot().clock().instant());
    Await.until(() -> stored.done(next) && auditCount("DRIFT_REPORTED") == 3,
        Duration.ofSeconds(10), () -> "the next day's check");
    assertThat(reports()).hasSize(1);
    assertNoSecretInSlack(token.token());
  }

  // ------------------------------------------------------------ helpers

  /** {@code /dockerhub-user drift} as {@code user}: the ack, then the answer by response URL. */
  private String drift(String user) throws Exception {
    String name = "drift-" + (++asked);
    String body = SlackRequests.slashCommand(user, Flow.ORIGIN, "drift",
        flow.slack().responseUrl(name));
    try (Response response = flow.bot().send(body)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("Checking for drift");
    }
    JsonNode answer = JSON.readTree(Await.first(() -> flow.responseTo(name),
        "the answer to drift #" + asked));
    assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
    return answer.path("text").asText();
  }

  /** Drift reports posted to the approval channel, oldest first. */
  private List<FakeSlack.Call> reports() {
    return flow.slack().posts(TestBot.APPROVAL_CHANNEL).stream()
        .filter(call -> call.param("text").contains("*Drift report*")).toList();
  }

  private List<FakeSlack.Call> awaitReports(int count) {
    Await.until(() -> reports().size() >= count, RELAY,
        () -> count + " drift report(s) in the approval channel; there are " + reports().size());
    assertThat(reports()).hasSize(count);
    return reports();
  }

  /** The buttons of a message as {@code action=value}. */
  private static List<String> buttons(FakeSlack.Call message) throws Exception {
    List<String> buttons = new ArrayList<>();
    for (JsonNode block : JSON.readTree(message.param("blocks"))) {
      for (JsonNode element : block.path("elements")) {
        if (element.path("type").asText().equals("button")) {
          buttons.add(element.path("action_id").asText() + "=" + element.path("value").asText());
        }
      }
    }
    return buttons;
  }

  private int auditCount(String action) {
    try (Connection connection = flow.bot().requestsDataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(
            "SELECT COUNT(*) FROM audit_events WHERE action = ?")) {
      query.setString(1, action);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int loginsAs(String username) {
    return (int) hub.requests().stream()
        .filter(r -> r.getMethod().equals("POST")
            && (r.getUrl().encodedPath().equals("/v2/users/login")
                || r.getUrl().encodedPath().equals("/v2/auth/token"))
            && r.getBody() != null && r.getBody().utf8().contains("\"" + username + "\""))
        .count();
  }

  private void assertNoSecretInSlack(String tokenValue) {
    assertThat(flow.slack().allBodies()).noneMatch(body -> body.contains(tokenValue)
        || body.contains(TestBot.ADMIN_PASSWORD) || body.contains("circle-test-token"));
  }

  /** Another instance's drift reporting on the same database and APIs. */
  private DriftReporting otherInstance(DataSource data) {
    TestBot bot = flow.bot();
    Clock clock = bot.clock();
    OkHttpClient http = new OkHttpClient();
    DockerHubClient admin = new DockerHubClient(HttpUrl.get(hub.apiUrl()), http,
        new DockerHubCredential.Password(TestBot.ADMIN_USER, TestBot.ADMIN_PASSWORD), false,
        RetryPolicy.none(), Sleeper.REAL, clock);
    CircleCiClient circleci = new CircleCiClient(HttpUrl.get(bot.circleci().apiUrl()), http,
        new CircleCiToken("circle-test-token"), false, RetryPolicy.none(), Sleeper.REAL, clock);
    DriftCheck check = new DriftCheck(bot.requests(), new JdbcCredentialStore(data),
        new JdbcRunStore(data), admin, circleci, new DriftSettings(TestBot.ORG,
            Optional.of(TestBot.TEAM), true, Optional.of(TestBot.ADMIN_USER)), clock);
    return new DriftReporting(check, new JdbcDriftReports(data), new Authority(user -> true),
        new JdbcAuditLog(data), () -> { }, clock);
  }

  /** A service user taken through sign-up and membership to done; returns its Docker ID. */
  private String serviceUserDone() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Account created and e-mail verified*: Waiting for <@" + Flow.APPROVER + ">");
    JsonNode signUp = flow.openLink("Sign-up for request #" + flow.id());
    String dockerId = OpenedLinks.field(signUp, "Docker ID");
    hub.signUp(dockerId, OpenedLinks.field(signUp, "Password"));
    flow.click(Flow.APPROVER, "signed-up-action");
    flow.awaitCard("Invitation accepted, member of the team*: Waiting for `" + dockerId + "`");
    hub.acceptInvite(dockerId);
    flow.click(Flow.APPROVER, "check-membership-action");
    flow.awaitState(RequestState.DONE);
    return dockerId;
  }
}

package org.webops.dockerhubbot.dockerhub;

import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;



import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.CallTexts;
import org.webops.dockerhubbot.http.Fixtures;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.RecordingSleeper;
import org.webops.dockerhubbot.http.RetryPolicy;

/**
 * Runs every Docker Hub call with recognisable fake secrets, against answers that succeed, fail,
 * and even echo the secrets back, and checks that no secret reaches the logs, an exception's
 * message, stack trace or toString, or a result's toString.
 */
class DockerHubClientSecretsTest {

  static final String PASSWORD = "SECRET-PASSWORD-123";
  static final String SERVICE_PASSWORD = "SECRET-SVC-PASSWORD-456";
  static final String ORG_TOKEN = "dckr_oat_SECRETORGTOKEN";
  static final String CREATED_PAT = "dckr_pat_NEWLYCREATEDTOKEN";
  static final String CREATED_OAT = "dckr_oat_NEWLYCREATEDOAT";

  @StartStop private final MockWebServer server = new MockWebServer();

  private final List<String> secrets = new ArrayList<>(List.of(PASSWORD, SERVICE_PASSWORD, ORG_TOKEN, CREATED_PAT, CREATED_OAT));

  private DockerHubClient client(DockerHubCredential credential, boolean dryRun) {
    return new DockerHubClient(
        server.url("/"),
        HttpClients.shared(),
        credential,
        dryRun,
        new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), () -> 1.0),
        new RecordingSleeper(),
        new MutableClock(MockDockerHub.NOW));
  }

  /** Answers logins from fixtures and every other call with {@code other}. */
  private void answer(Function<RecordedRequest, MockResponse> other) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/v2/users/login")) {
              return Fixtures.json(MockDockerHub.class, 200, "users-login.json");
            }
            if (path.equals("/v2/auth/token")) {
              return Fixtures.json(MockDockerHub.class, 200, "auth-token.json");
            }
            return other.apply(request);
          }
        });
  }

  private static MockResponse success(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    Class<?> owner = MockDockerHub.class;
    if (method.equals("DELETE")) {
      return Fixtures.empty(204);
    }
    if (path.equals("/v2/access-tokens")) {
      return Fixtures.json(owner, method.equals("POST") ? 201 : 200,
          method.equals("POST") ? "access-token-created.json" : "access-tokens-page3.json");
    }
    if (path.startsWith("/v2/access-tokens/")) {
      return Fixtures.json(owner, 200, "access-token-deactivated.json");
    }
    if (path.endsWith("/access-tokens")) {
      return Fixtures.json(owner, method.equals("POST") ? 201 : 200,
          method.equals("POST") ? "org-access-token-created.json" : "org-access-tokens-page3.json");
    }
    if (path.endsWith("/members") && path.contains("/groups/")) {
      return method.equals("POST") ? Fixtures.empty(200) : Fixtures.json(owner, 200, "team-members-page3.json");
    }
    if (path.endsWith("/members")) {
      return Fixtures.json(owner, 200, "org-members-page3.json");
    }
    if (path.endsWith("/invites")) {
      return Fixtures.json(owner, 200, "org-invites.json");
    }
    if (path.equals("/v2/invites/bulk")) {
      return Fixtures.json(owner, 202, "bulk-invite-live.json");
    }
    return Fixtures.jsonBody(404, "{}");
  }

  private MockResponse echoingError(RecordedRequest request, int status) {
    // What an API might plausibly echo: the request body it refused and the credential it got.
    String echo =
        "refused " + (request.getBody() == null ? "" : request.getBody().utf8())
            + " with " + request.getHeaders().get("Authorization");
    return Fixtures.jsonBody(status, "{\"message\":" + Json.MAPPER.valueToTree(echo) + "}");
  }

  /** Every public call; results and failures are all turned to text. */
  private List<String> runEveryCall(DockerHubClient admin) {
    DockerHubClient serviceUser =
        admin.forCredential(new DockerHubCredential.Password("svcpipelineapi", SERVICE_PASSWORD));
    DockerHubClient orgToken = admin.forCredential(new DockerHubCredential.OrganizationToken("webops", ORG_TOKEN));
    List<Runnable> calls =
        List.of(
            () -> admin.logins().verify(),
            () -> admin.logins().usersLogin(new DockerHubCredential.Password("webops-admin", PASSWORD)),
            () -> admin.logins().authToken(new DockerHubCredential.OrganizationToken("webops", ORG_TOKEN)),
            () -> orgToken.logins().verify(),
            () -> serviceUser.personalTokens().list(),
            () -> serviceUser.personalTokens().create("pipeline-api", List.of(RepoScope.READ), Instant.parse("2026-07-15T00:00:00Z")),
            () -> serviceUser.personalTokens().deactivate("u1"),
            () -> serviceUser.personalTokens().delete("u1"),
            () -> orgToken.orgTokens().list("webops"),
            () -> orgToken.orgTokens().create("webops", "pipeline-api", List.of(OrgTokenResource.pull("webops/api")), null),
            () -> orgToken.orgTokens().delete("webops", "o1"),
            () -> admin.organisation().listMembers("webops"),
            () -> admin.organisation().listInvites("webops"),
            () -> admin.organisation().bulkInvite("webops", "ci", "member", List.of("svcpipelineapi")),
            () -> admin.organisation().deleteInvite("i1"),
            () -> admin.organisation().listTeamMembers("webops", "ci"),
            () -> admin.organisation().addTeamMember("webops", "ci", "svcpipelineapi"),
            () -> admin.organisation().removeTeamMember("webops", "ci", "svcpipelineapi"),
            () -> admin.organisation().isTeamMember("webops", "ci", "svcnew"));
    return CallTexts.of(admin, calls);
  }

  private void assertNoSecretIn(String where, String text) {
    for (String secret : secrets) {
      assertFalse(text.contains(secret), () -> "secret " + secret + " found in " + where + ":\n" + text);
    }
  }

  private void runAndCheck(boolean dryRun, Function<RecordedRequest, MockResponse> answers) throws Exception {
    // the login tokens the fake API hands out are secrets too
    secrets.add(Json.MAPPER.readTree(Fixtures.text(MockDockerHub.class, "users-login.json")).get("token").asText());
    secrets.add(Json.MAPPER.readTree(Fixtures.text(MockDockerHub.class, "auth-token.json")).get("access_token").asText());
    answer(answers);
    try (LogCapture logs = new LogCapture()) {
      List<String> texts = runEveryCall(client(new DockerHubCredential.Password("webops-admin", PASSWORD), dryRun));
      assertTrue(logs.size() > 0, "nothing was logged: the check would prove nothing");
      assertNoSecretIn("logs", logs.text());
      for (String text : texts) {
        assertNoSecretIn("exception or result", text);
      }
    }
  }

  @Test
  void everyCall_apiSucceeds_noSecretInLogsOrExceptions() throws Exception {
    runAndCheck(false, DockerHubClientSecretsTest::success);
  }

  @Test
  void everyCall_apiFailsEchoingSecrets_noSecretInLogsOrExceptions() throws Exception {
    runAndCheck(false, request -> echoingError(request, 400));
  }

  @Test
  void everyCall_apiUnauthorisedOrServerErrorEchoingSecrets_noSecretInLogsOrExceptions() throws Exception {
    runAndCheck(false, request -> echoingError(request, request.getMethod().equals("GET") ? 500 : 401));
  }

  @Test
  void everyCall_loginsFailEchoingSecrets_noSecretInLogsOrExceptions() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return echoingError(request, 401);
          }
        });
    try (LogCapture logs = new LogCapture()) {
      List<String> texts = runEveryCall(client(new DockerHubCredential.Password("webops-admin", PASSWORD), false));
      assertNoSecretIn("logs", logs.text());
      texts.forEach(text -> assertNoSecretIn("exception", text));
    }
  }

  @Test
  void everyCall_dryRun_noSecretInLogs() throws Exception {
    runAndCheck(true, DockerHubClientSecretsTest::success);
  }
}

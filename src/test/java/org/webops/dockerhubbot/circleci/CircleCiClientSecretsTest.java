package org.webops.dockerhubbot.circleci;

import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;



import java.time.Duration;
import java.time.Instant;

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
 * Runs every CircleCI call with a recognisable fake token and variable value, against answers that
 * succeed or fail echoing the request, and checks no secret reaches logs or exceptions.
 */
class CircleCiClientSecretsTest {

  static final String TOKEN = "CCIPAT_SECRETCIRCLETOKEN";
  static final String VALUE = "dckr_pat_SECRETTOKEN";
  static final String PASSWORD = "SECRET-PASSWORD-123";
  private static final List<String> SECRETS = List.of(TOKEN, VALUE, PASSWORD);

  @StartStop private final MockWebServer server = new MockWebServer();

  private CircleCiClient client(boolean dryRun) {
    return new CircleCiClient(
        server.url("/api/v2"),
        HttpClients.shared(),
        new CircleCiToken(TOKEN),
        dryRun,
        new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), () -> 1.0),
        new RecordingSleeper(),
        new MutableClock(Instant.parse("2026-01-15T10:00:00Z")));
  }

  private void answer(Function<RecordedRequest, MockResponse> answers) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answers.apply(request);
          }
        });
  }

  private static MockResponse success(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    Class<?> owner = MockCircleCi.class;
    if (path.endsWith("/envvar")) {
      return Fixtures.json(owner, method.equals("POST") ? 201 : 200, method.equals("POST") ? "envvar-created.json" : "envvars.json");
    }
    if (path.contains("/envvar/")) {
      return Fixtures.json(owner, 200, "envvar-deleted.json");
    }
    if (path.startsWith("/api/v2/project/")) {
      return Fixtures.json(owner, 200, "project.json");
    }
    if (path.equals("/api/v2/context")) {
      return Fixtures.json(owner, 200, method.equals("POST") ? "context-created.json" : "contexts-page3.json");
    }
    if (path.endsWith("/environment-variable")) {
      return Fixtures.json(owner, 200, "context-variables-page3.json");
    }
    return Fixtures.json(owner, 200, method.equals("PUT") ? "context-variable.json" : "context-variable-deleted.json");
  }

  private static MockResponse echoingError(RecordedRequest request, int status) {
    String echo =
        "refused " + (request.getBody() == null ? "" : request.getBody().utf8())
            + " with " + request.getHeaders().get("Circle-Token");
    return Fixtures.jsonBody(status, "{\"message\":" + Json.MAPPER.valueToTree(echo) + "}");
  }

  private static List<String> runEveryCall(CircleCiClient client) {
    ProjectSlug slug = ProjectSlug.of("gh/webops/api");
    ContextOwner owner = new ContextOwner.Slug("gh/webops");
    String contextId = MockCircleCi.CONTEXT_ID;
    List<Runnable> calls =
        List.of(
            () -> client.projects().get(slug),
            () -> client.projects().find(slug),
            () -> client.projectVariables().set(slug, "DOCKER_ACCESS_TOKEN", VALUE),
            () -> client.projectVariables().set(slug, "DOCKER_PASSWORD", PASSWORD),
            () -> client.projectVariables().list(slug),
            () -> client.projectVariables().delete(slug, "DOCKER_ACCESS_TOKEN"),
            () -> client.contexts().list(owner),
            () -> client.contexts().find(owner, "x"),
            () -> client.contexts().create(owner, "x"),
            () -> client.contexts().ensure(owner, "y"),
            () -> client.contexts().putVariable(contextId, "DOCKER_ACCESS_TOKEN", VALUE),
            () -> client.contexts().putVariable(contextId, "DOCKER_PASSWORD", PASSWORD),
            () -> client.contexts().listVariables(contextId),
            () -> client.contexts().deleteVariable(contextId, "DOCKER_ACCESS_TOKEN"));
    return CallTexts.of(client, calls);
  }

  private void runAndCheck(boolean dryRun, Function<RecordedRequest, MockResponse> answers) {
    answer(answers);
    try (LogCapture logs = new LogCapture()) {
      List<String> texts = runEveryCall(client(dryRun));
      assertTrue(logs.size() > 0, "nothing was logged: the check would prove nothing");
      for (String secret : SECRETS) {
        assertFalse(logs.text().contains(secret), () -> secret + " in logs:\n" + logs.text());
        for (String text : texts) {
          assertFalse(text.contains(secret), () -> secret + " in:\n" + text);
        }
      }
    }
  }

  @Test
  void everyCall_apiSucceeds_noSecretInLogsOrExceptions() {
    runAndCheck(false, CircleCiClientSecretsTest::success);
  }

  @Test
  void everyCall_apiFailsEchoingTheRequest_noSecretInLogsOrExceptions() {
    runAndCheck(false, request -> echoingError(request, 400));
  }

  @Test
  void everyCall_apiServerErrorsEchoingTheRequest_noSecretInLogsOrExceptions() {
    runAndCheck(false, request -> echoingError(request, request.getMethod().equals("POST") ? 401 : 503));
  }

  @Test
  void everyCall_dryRun_noSecretInLogs() {
    runAndCheck(true, CircleCiClientSecretsTest::success);
  }
}

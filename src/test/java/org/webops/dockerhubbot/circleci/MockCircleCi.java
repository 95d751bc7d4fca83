package org.webops.dockerhubbot.circleci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.webops.dockerhubbot.http.Fixtures;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.RecordingCallMeter;
import org.webops.dockerhubbot.http.RecordingSleeper;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.SpecValidator;
import org.webops.dockerhubbot.testing.MutableClock;

/**
 * A test's mock web server as CircleCI: it answers from this package's JSON fixtures, and every
 * request taken from it must carry the CircleCI headers and fit the spec.
 */
final class MockCircleCi {

  static final String BASE_PATH = "/api/v2";
  static final CircleCiToken TOKEN = new CircleCiToken("CCIPAT_SECRETCIRCLETOKEN");
  static final ProjectSlug SLUG = ProjectSlug.of("gh/webops/api");
  static final ContextOwner OWNER = new ContextOwner.Slug("gh/webops");
  static final String CONTEXT_ID = "6a2f1c4e-0000-4000-8000-000000000004";
  private static final SpecValidator SPEC = SpecValidator.circleCi(BASE_PATH);

  final RecordingSleeper sleeper = new RecordingSleeper();
  final RecordingCallMeter meter = new RecordingCallMeter();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  private final MockWebServer server;

  MockCircleCi(MockWebServer server) {
    this.server = server;
  }

  CircleCiClient client(boolean dryRun) {
    return new CircleCiClient(
        server.url(BASE_PATH),
        HttpClients.shared(),
        TOKEN,
        dryRun,
        new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0),
        sleeper,
        clock,
        meter);
  }

  CircleCiClient client() {
    return client(false);
  }

  void answer(int code, String fixture) {
    server.enqueue(Fixtures.json(MockCircleCi.class, code, fixture));
  }

  /** Takes the next request, checks the CircleCI headers and validates it against the spec. */
  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request was sent");
    }
    assertEquals("CCIPAT_SECRETCIRCLETOKEN", request.getHeaders().get("Circle-Token"));
    assertEquals("application/json", request.getHeaders().get("Accept"));
    SPEC.assertValid(request);
    return request;
  }

  static String target(RecordedRequest request) {
    return request.getMethod() + " " + request.getTarget();
  }

  static JsonNode body(RecordedRequest request) throws Exception {
    return Json.MAPPER.readTree(request.getBody().string(StandardCharsets.UTF_8));
  }
}

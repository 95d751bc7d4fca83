package org.webops.dockerhubbot.dockerhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
 * A test's mock web server as Docker Hub: it answers from this package's JSON fixtures, and every
 * request taken from it is checked against the Docker Hub spec.
 */
final class MockDockerHub {

  static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  static final DockerHubCredential ADMIN =
      new DockerHubCredential.Password("webops-admin", "SECRET-PASSWORD-123");
  static final DockerHubCredential ORG_TOKEN =
      new DockerHubCredential.OrganizationToken("webops", "dckr_oat_SECRETORGTOKEN");
  private static final SpecValidator SPEC = SpecValidator.dockerHub();

  final RecordingSleeper sleeper = new RecordingSleeper();
  final RecordingCallMeter meter = new RecordingCallMeter();
  final MutableClock clock = new MutableClock(NOW);
  private final MockWebServer server;

  MockDockerHub(MockWebServer server) {
    this.server = server;
  }

  DockerHubClient client(DockerHubCredential credential, boolean dryRun) {
    return new DockerHubClient(
        server.url("/"),
        HttpClients.shared(),
        credential,
        dryRun,
        new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0),
        sleeper,
        clock,
        meter);
  }

  /** A live client acting as the admin's password. */
  DockerHubClient client() {
    return client(ADMIN, false);
  }

  void answer(int code, String fixture) {
    server.enqueue(Fixtures.json(MockDockerHub.class, code, fixture));
  }

  void answerEmpty(int code) {
    server.enqueue(Fixtures.empty(code));
  }

  /** Takes the next request and checks it against the Docker Hub spec. */
  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request was sent");
    }
    SPEC.assertValid(request);
    return request;
  }

  static JsonNode body(RecordedRequest request) throws Exception {
    return Json.MAPPER.readTree(request.getBody().string(StandardCharsets.UTF_8));
  }

  static String target(RecordedRequest request) {
    return request.getMethod() + " " + request.getTarget();
  }

  /** A text field of a fixture, such as the token a login answers. */
  static String field(String fixture, String name) throws Exception {
    return Json.MAPPER.readTree(Fixtures.text(MockDockerHub.class, fixture)).get(name).asText();
  }

  static void assertLoginThenBearer(RecordedRequest login, RecordedRequest call) throws Exception {
    assertEquals("POST /v2/users/login", target(login));
    assertNull(login.getHeaders().get("Authorization"));
    assertEquals("Bearer " + field("users-login.json", "token"), call.getHeaders().get("Authorization"));
  }
}

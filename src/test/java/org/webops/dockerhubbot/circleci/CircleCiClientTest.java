package org.webops.dockerhubbot.circleci;

import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.http.Fixtures;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.NotFoundException;
import org.webops.dockerhubbot.http.RecordingSleeper;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.SpecValidator;

class CircleCiClientTest {

  static final String BASE_PATH = "/api/v2";
  static final CircleCiToken TOKEN = new CircleCiToken("CCIPAT_SECRETCIRCLETOKEN");
  static final ProjectSlug SLUG = ProjectSlug.of("gh/webops/api");
  static final ContextOwner OWNER = new ContextOwner.Slug("gh/webops");
  static final String CONTEXT_ID = "6a2f1c4e-0000-4000-8000-000000000004";
  private static final SpecValidator SPEC = SpecValidator.circleCi(BASE_PATH);

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));

  private CircleCiClient client(boolean dryRun) {
    return new CircleCiClient(
        server.url(BASE_PATH),
        HttpClients.shared(),
        TOKEN,
        dryRun,
        new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0),
        sleeper,
        clock);
  }

  private CircleCiClient client() {
    return client(false);
  }

  private void answer(int code, String fixture) {
    server.enqueue(Fixtures.json(CircleCiClientTest.class, code, fixture));
  }

  /** Takes the next request, checks the CircleCI headers and validates it against the spec. */
  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request was sent");
    }
    assertEquals("CCIPAT_SECRETCIRCLETOKEN", request.getHeaders().get("Circle-Token"));
    assertEquals("application/json", request.getHeaders().get("Accept"));
    SPEC.assertValid(request);
    return request;
  }

  private static String target(RecordedRequest request) {
    return request.getMethod() + " " + request.getTarget();
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return Json.MAPPER.readTree(request.getBody().string(StandardCharsets.UTF_8));
  }

  @Test
  void getProject_slug_isSentAsOneEscapedSegment() throws Exception {
    // given
    answer(200, "project.json");

    // when
    Project project = client().getProject(SLUG);

    // then
    assertEquals("api", project.name());
    assertEquals("GitHub", project.vcsInfo().provider());
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi", target(take()));
  }

  @Test
  void findProject_404_isEmpty() throws Exception {
    // given
    answer(404, "not-found.json");

    // when / then
    assertTrue(client().findProject(SLUG).isEmpty());
    take();
  }

  @Test
  void getProject_404_throwsNotFoundWithMessage() {
    // given
    answer(404, "not-found.json");

    // when
    NotFoundException e = assertThrows(NotFoundException.class, () -> client().getProject(SLUG));

    // then
    assertEquals("Project not found", e.apiMessage());
    assertEquals("/api/v2/project/gh%2Fwebops%2Fapi", e.path());
    assertEquals("CircleCI GET /api/v2/project/gh%2Fwebops%2Fapi answered 404: Project not found", e.getMessage());
  }

  @Test
  void getProject_circleciStyleSlug_isAccepted() throws Exception {
    // given
    answer(200, "project.json");
    ProjectSlug slug =
        ProjectSlug.of("circleci/0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22/a5e9e2e4-1b9a-4a43-9e35-2f3b8a9d1c11");

    // when
    client().getProject(slug);

    // then
    assertEquals(
        "GET /api/v2/project/circleci%2F0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22%2Fa5e9e2e4-1b9a-4a43-9e35-2f3b8a9d1c11",
        target(take()));
  }

  @Test
  void projectSlug_badShape_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProjectSlug.of("webops/api"));
    assertThrows(IllegalArgumentException.class, () -> ProjectSlug.of("gh/webops/api/extra"));
  }

  @Test
  void setProjectEnvVar_nameAndValue_postsThemAndReadsMaskedValue() throws Exception {
    // given
    answer(201, "envvar-created.json");

    // when
    ProjectEnvVar result = client().setProjectEnvVar(SLUG, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");

    // then
    RecordedRequest request = take();
    assertEquals("POST /api/v2/project/gh%2Fwebops%2Fapi/envvar", target(request));
    assertEquals("{\"name\":\"DOCKER_ACCESS_TOKEN\",\"value\":\"dckr_pat_SECRETTOKEN\"}", body(request).toString());
    assertTrue(result.endsLike("dckr_pat_SECRETTOKEN"));
  }

  @Test
  void setProjectEnvVar_503_isNotRepeated() {
    // given
    server.enqueue(Fixtures.empty(503));
    answer(201, "envvar-created.json");

    // when
    assertThrows(ServerErrorException.class, () -> client().setProjectEnvVar(SLUG, "A", "value"));

    // then
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void listProjectEnvVars_readsMaskedValues() throws Exception {
    // given
    answer(200, "envvars.json");

    // when
    List<ProjectEnvVar> vars = client().listProjectEnvVars(SLUG);

    // then
    assertEquals(List.of("DOCKER_USER", "DOCKER_ACCESS_TOKEN"), vars.stream().map(ProjectEnvVar::name).toList());
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi/envvar", target(take()));
  }

  @Test
  void listProjectEnvVars_twoPages_readsTheSecondWithPageToken() throws Exception {
    // given
    answer(200, "envvars-page1.json");
    answer(200, "envvars-page2.json");

    // when
    List<ProjectEnvVar> vars = client().listProjectEnvVars(SLUG);

    // then
    assertEquals(List.of("NPM_TOKEN", "DOCKER_USER"), vars.stream().map(ProjectEnvVar::name).toList());
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi/envvar", target(take()));
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi/envvar?page-token=ENVVARS-TWO", target(take()));
  }

  @Test
  void deleteProjectEnvVar_sendsDelete() throws Exception {
    // given
    answer(200, "envvar-deleted.json");

    // when
    client().deleteProjectEnvVar(SLUG, "DOCKER_USER");

    // then
    assertEquals("DELETE /api/v2/project/gh%2Fwebops%2Fapi/envvar/DOCKER_USER", target(take()));
  }

  @Test
  void listContexts_threePages_followsNextPageToken() throws Exception {
    // given
    answer(200, "contexts-page1.json");
    answer(200, "contexts-page2.json");
    answer(200, "contexts-page3.json");

    // when
    List<Context> contexts = client().listContexts(OWNER);

    // then
    assertEquals(
        List.of("aws", "npm", "slack", "dockerhub-pipeline-api"), contexts.stream().map(Context::name).toList());
    assertEquals("GET /api/v2/context?owner-slug=gh%2Fwebops", target(take()));
    assertEquals("GET /api/v2/context?owner-slug=gh%2Fwebops&page-token=PAGE-TWO", target(take()));
    assertEquals("GET /api/v2/context?owner-slug=gh%2Fwebops&page-token=PAGE-THREE", target(take()));
  }

  @Test
  void listContexts_ownerId_sendsOwnerIdAndType() throws Exception {
    // given
    answer(200, "contexts-page3.json");

    // when
    client().listContexts(new ContextOwner.Id("0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22", "organization"));

    // then
    assertEquals(
        "GET /api/v2/context?owner-id=0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22&owner-type=organization",
        target(take()));
  }

  @Test
  void ensureContext_exists_doesNotCreate() {
    // given
    answer(200, "contexts-page3.json");

    // when
    Ensured<Context> result = client().ensureContext(OWNER, "dockerhub-pipeline-api");

    // then
    assertFalse(result.created());
    assertEquals(CONTEXT_ID, result.value().id());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void ensureContext_missing_looksFirstThenCreatesWithOwnerSlug() throws Exception {
    // given
    answer(200, "contexts-page3.json");
    answer(200, "context-created.json");

    // when
    Ensured<Context> result = client().ensureContext(OWNER, "dockerhub-pipeline-web");

    // then
    assertTrue(result.created());
    take();
    RecordedRequest create = take();
    assertEquals("POST /api/v2/context", target(create));
    assertEquals(
        "{\"name\":\"dockerhub-pipeline-web\",\"owner\":{\"slug\":\"gh/webops\",\"type\":\"organization\"}}",
        body(create).toString());
  }

  @Test
  void createContext_ownerId_sendsOwnerIdAndType() throws Exception {
    // given
    answer(200, "context-created.json");

    // when
    client().createContext(new ContextOwner.Id("0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22", "account"), "x");

    // then
    assertEquals(
        "{\"name\":\"x\",\"owner\":{\"id\":\"0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22\",\"type\":\"account\"}}",
        body(take()).toString());
  }

  @Test
  void putContextVariable_sendsValueWithPut() throws Exception {
    // given
    answer(200, "context-variable.json");

    // when
    client().putContextVariable(CONTEXT_ID, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");

    // then
    RecordedRequest request = take();
    assertEquals("PUT /api/v2/context/" + CONTEXT_ID + "/environment-variable/DOCKER_ACCESS_TOKEN", target(request));
    assertEquals("{\"value\":\"dckr_pat_SECRETTOKEN\"}", body(request).toString());
  }

  @Test
  void putContextVariable_503ThenSuccess_isRetriedBecausePutIsIdempotent() {
    // given
    server.enqueue(Fixtures.empty(503));
    answer(200, "context-variable.json");

    // when
    client().putContextVariable(CONTEXT_ID, "DOCKER_USER", "svcpipelineweb");

    // then
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(100)), sleeper.waits());
  }

  @Test
  void listContextVariables_429WithXRetryAfterThenThreePages_readsAll() throws Exception {
    // given
    long in3s = clock.instant().plusSeconds(3).getEpochSecond();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("X-Retry-After", in3s).build());
    answer(200, "context-variables-page1.json");
    answer(200, "context-variables-page2.json");
    answer(200, "context-variables-page3.json");

    // when
    List<ContextVariable> vars = client().listContextVariables(CONTEXT_ID);

    // then
    assertEquals(List.of("A", "B", "C", "DOCKER_USER"), vars.stream().map(ContextVariable::variable).toList());
    assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits());
    take();
    take();
    assertEquals("GET /api/v2/context/" + CONTEXT_ID + "/environment-variable?page-token=V2", target(take()));
  }

  @Test
  void deleteContextVariable_sendsDelete() throws Exception {
    // given
    answer(200, "context-variable-deleted.json");

    // when
    client().deleteContextVariable(CONTEXT_ID, "DOCKER_USER");

    // then
    assertEquals("DELETE /api/v2/context/" + CONTEXT_ID + "/environment-variable/DOCKER_USER", target(take()));
  }

  @Test
  void dryRun_writes_areDescribedNotSent() {
    // given
    CircleCiClient client = client(true);
    try (LogCapture logs = new LogCapture()) {

      // when
      client.setProjectEnvVar(SLUG, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");
      client.deleteProjectEnvVar(SLUG, "DOCKER_USER");
      Context created = client.createContext(OWNER, "new");
      client.putContextVariable(CONTEXT_ID, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");
      client.deleteContextVariable(CONTEXT_ID, "DOCKER_USER");

      // then
      assertEquals(0, server.getRequestCount());
      assertEquals("dry-run", created.id());
      String log = logs.text();
      assertTrue(log.contains("DRY_RUN: CircleCI would POST /api/v2/project/gh%2Fwebops%2Fapi/envvar"), log);
      assertTrue(log.contains("would PUT /api/v2/context/" + CONTEXT_ID + "/environment-variable/DOCKER_ACCESS_TOKEN"), log);
      assertFalse(log.contains("dckr_pat_SECRETTOKEN"));
    }
  }

  @Test
  void token_toString_hidesIt() {
    assertFalse(TOKEN.toString().contains("SECRET"));
  }
}

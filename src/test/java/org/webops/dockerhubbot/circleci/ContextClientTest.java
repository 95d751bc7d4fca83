package org.webops.dockerhubbot.circleci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.circleci.MockCircleCi.CONTEXT_ID;
import static org.webops.dockerhubbot.circleci.MockCircleCi.OWNER;
import static org.webops.dockerhubbot.circleci.MockCircleCi.body;
import static org.webops.dockerhubbot.circleci.MockCircleCi.target;

import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.http.Fixtures;

class ContextClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockCircleCi ci = new MockCircleCi(server);

  @Test
  void list_threePages_followsNextPageToken() throws Exception {
    // given
    ci.answer(200, "contexts-page1.json");
    ci.answer(200, "contexts-page2.json");
    ci.answer(200, "contexts-page3.json");

    // when
    List<Context> contexts = ci.client().contexts().list(OWNER);

    // then
    assertEquals(
        List.of("aws", "npm", "slack", "dockerhub-pipeline-api"), contexts.stream().map(Context::name).toList());
    assertEquals("GET /api/v2/context?owner-slug=gh%2Fwebops", target(ci.take()));
    assertEquals("GET /api/v2/context?owner-slug=gh%2Fwebops&page-token=PAGE-TWO", target(ci.take()));
    assertEquals("GET /api/v2/context?owner-slug=gh%2Fwebops&page-token=PAGE-THREE", target(ci.take()));
  }

  @Test
  void list_ownerId_sendsOwnerIdAndType() throws Exception {
    // given
    ci.answer(200, "contexts-page3.json");

    // when
    ci.client().contexts().list(new ContextOwner.Id("0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22", "organization"));

    // then
    assertEquals(
        "GET /api/v2/context?owner-id=0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22&owner-type=organization",
        target(ci.take()));
  }

  @Test
  void ensure_exists_doesNotCreate() {
    // given
    ci.answer(200, "contexts-page3.json");

    // when
    Ensured<Context> result = ci.client().contexts().ensure(OWNER, "dockerhub-pipeline-api");

    // then
    assertFalse(result.created());
    assertEquals(CONTEXT_ID, result.value().id());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void ensure_missing_looksFirstThenCreatesWithOwnerSlug() throws Exception {
    // given
    ci.answer(200, "contexts-page3.json");
    ci.answer(200, "context-created.json");

    // when
    Ensured<Context> result = ci.client().contexts().ensure(OWNER, "dockerhub-pipeline-web");

    // then
    assertTrue(result.created());
    ci.take();
    RecordedRequest create = ci.take();
    assertEquals("POST /api/v2/context", target(create));
    assertEquals(
        "{\"name\":\"dockerhub-pipeline-web\",\"owner\":{\"slug\":\"gh/webops\",\"type\":\"organization\"}}",
        body(create).toString());
  }

  @Test
  void create_ownerId_sendsOwnerIdAndType() throws Exception {
    // given
    ci.answer(200, "context-created.json");

    // when
    ci.client().contexts().create(new ContextOwner.Id("0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22", "account"), "x");

    // then
    assertEquals(
        "{\"name\":\"x\",\"owner\":{\"id\":\"0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22\",\"type\":\"account\"}}",
        body(ci.take()).toString());
  }

  @Test
  void putVariable_sendsValueWithPut() throws Exception {
    // given
    ci.answer(200, "context-variable.json");

    // when
    ci.client().contexts().putVariable(CONTEXT_ID, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");

    // then
    RecordedRequest request = ci.take();
    assertEquals("PUT /api/v2/context/" + CONTEXT_ID + "/environment-variable/DOCKER_ACCESS_TOKEN", target(request));
    assertEquals("{\"value\":\"dckr_pat_SECRETTOKEN\"}", body(request).toString());
  }

  @Test
  void putVariable_503ThenSuccess_isRetriedBecausePutIsIdempotent() {
    // given
    server.enqueue(Fixtures.empty(503));
    ci.answer(200, "context-variable.json");

    // when
    ci.client().contexts().putVariable(CONTEXT_ID, "DOCKER_USER", "svcpipelineweb");

    // then
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(100)), ci.sleeper.waits());
  }

  @Test
  void listVariables_429WithXRetryAfterThenThreePages_readsAll() throws Exception {
    // given
    long in3s = ci.clock.instant().plusSeconds(3).getEpochSecond();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("X-Retry-After", in3s).build());
    ci.answer(200, "context-variables-page1.json");
    ci.answer(200, "context-variables-page2.json");
    ci.answer(200, "context-variables-page3.json");

    // when
    List<ContextVariable> vars = ci.client().contexts().listVariables(CONTEXT_ID);

    // then
    assertEquals(List.of("A", "B", "C", "DOCKER_USER"), vars.stream().map(ContextVariable::variable).toList());
    assertEquals(List.of(Duration.ofSeconds(3)), ci.sleeper.waits());
    ci.take();
    ci.take();
    assertEquals("GET /api/v2/context/" + CONTEXT_ID + "/environment-variable?page-token=V2", target(ci.take()));
  }

  @Test
  void deleteVariable_sendsDelete() throws Exception {
    // given
    ci.answer(200, "context-variable-deleted.json");

    // when
    ci.client().contexts().deleteVariable(CONTEXT_ID, "DOCKER_USER");

    // then
    assertEquals("DELETE /api/v2/context/" + CONTEXT_ID + "/environment-variable/DOCKER_USER", target(ci.take()));
  }
}

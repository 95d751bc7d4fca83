package org.webops.dockerhubbot.circleci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.circleci.MockCircleCi.SLUG;
import static org.webops.dockerhubbot.circleci.MockCircleCi.body;
import static org.webops.dockerhubbot.circleci.MockCircleCi.target;

import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.Fixtures;
import org.webops.dockerhubbot.http.ServerErrorException;

class ProjectVariableClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockCircleCi ci = new MockCircleCi(server);

  @Test
  void set_nameAndValue_postsThemAndReadsMaskedValue() throws Exception {
    // given
    ci.answer(201, "envvar-created.json");

    // when
    ProjectEnvVar result = ci.client().projectVariables().set(SLUG, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");

    // then
    RecordedRequest request = ci.take();
    assertEquals("POST /api/v2/project/gh%2Fwebops%2Fapi/envvar", target(request));
    assertEquals("{\"name\":\"DOCKER_ACCESS_TOKEN\",\"value\":\"dckr_pat_SECRETTOKEN\"}", body(request).toString());
    assertTrue(result.endsLike("dckr_pat_SECRETTOKEN"));
  }

  @Test
  void set_503_isNotRepeated() {
    // given
    server.enqueue(Fixtures.empty(503));
    ci.answer(201, "envvar-created.json");

    // when
    assertThrows(ServerErrorException.class, () -> ci.client().projectVariables().set(SLUG, "A", "value"));

    // then
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void list_readsMaskedValues() throws Exception {
    // given
    ci.answer(200, "envvars.json");

    // when
    List<ProjectEnvVar> vars = ci.client().projectVariables().list(SLUG);

    // then
    assertEquals(List.of("DOCKER_USER", "DOCKER_ACCESS_TOKEN"), vars.stream().map(ProjectEnvVar::name).toList());
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi/envvar", target(ci.take()));
  }

  @Test
  void list_twoPages_readsTheSecondWithPageToken() throws Exception {
    // given
    ci.answer(200, "envvars-page1.json");
    ci.answer(200, "envvars-page2.json");

    // when
    List<ProjectEnvVar> vars = ci.client().projectVariables().list(SLUG);

    // then
    assertEquals(List.of("NPM_TOKEN", "DOCKER_USER"), vars.stream().map(ProjectEnvVar::name).toList());
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi/envvar", target(ci.take()));
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi/envvar?page-token=ENVVARS-TWO", target(ci.take()));
  }

  @Test
  void delete_sendsDelete() throws Exception {
    // given
    ci.answer(200, "envvar-deleted.json");

    // when
    ci.client().projectVariables().delete(SLUG, "DOCKER_USER");

    // then
    assertEquals("DELETE /api/v2/project/gh%2Fwebops%2Fapi/envvar/DOCKER_USER", target(ci.take()));
  }
}

package org.webops.dockerhubbot.circleci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.circleci.MockCircleCi.SLUG;
import static org.webops.dockerhubbot.circleci.MockCircleCi.target;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.NotFoundException;

class ProjectClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockCircleCi ci = new MockCircleCi(server);

  @Test
  void get_slug_isSentAsOneEscapedSegment() throws Exception {
    // given
    ci.answer(200, "project.json");

    // when
    Project project = ci.client().projects().get(SLUG);

    // then
    assertEquals("api", project.name());
    assertEquals("GitHub", project.vcsInfo().provider());
    assertEquals("GET /api/v2/project/gh%2Fwebops%2Fapi", target(ci.take()));
  }

  @Test
  void get_404_throwsNotFoundWithMessage() {
    // given
    ci.answer(404, "not-found.json");

    // when
    NotFoundException e = assertThrows(NotFoundException.class, () -> ci.client().projects().get(SLUG));

    // then
    assertEquals("Project not found", e.apiMessage());
    assertEquals("/api/v2/project/gh%2Fwebops%2Fapi", e.path());
    assertEquals("CircleCI GET /api/v2/project/gh%2Fwebops%2Fapi answered 404: Project not found", e.getMessage());
  }

  @Test
  void get_circleciStyleSlug_isAccepted() throws Exception {
    // given
    ci.answer(200, "project.json");
    ProjectSlug slug =
        ProjectSlug.of("circleci/0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22/a5e9e2e4-1b9a-4a43-9e35-2f3b8a9d1c11");

    // when
    ci.client().projects().get(slug);

    // then
    assertEquals(
        "GET /api/v2/project/circleci%2F0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22%2Fa5e9e2e4-1b9a-4a43-9e35-2f3b8a9d1c11",
        target(ci.take()));
  }

  @Test
  void find_404_isEmpty() throws Exception {
    // given
    ci.answer(404, "not-found.json");

    // when / then
    assertTrue(ci.client().projects().find(SLUG).isEmpty());
    ci.take();
  }

  @Test
  void projectSlug_badShape_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProjectSlug.of("webops/api"));
    assertThrows(IllegalArgumentException.class, () -> ProjectSlug.of("gh/webops/api/extra"));
  }
}

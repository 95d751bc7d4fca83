package org.webops.dockerhubbot.circleci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.circleci.MockCircleCi.CONTEXT_ID;
import static org.webops.dockerhubbot.circleci.MockCircleCi.OWNER;
import static org.webops.dockerhubbot.circleci.MockCircleCi.SLUG;
import static org.webops.dockerhubbot.circleci.MockCircleCi.TOKEN;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.testing.LogCapture;

/** What holds across the areas: dry-run and the token. */
class CircleCiClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockCircleCi ci = new MockCircleCi(server);

  @Test
  void dryRun_writes_areDescribedNotSent() {
    // given
    CircleCiClient client = ci.client(true);
    try (LogCapture logs = new LogCapture()) {

      // when
      client.projectVariables().set(SLUG, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");
      client.projectVariables().delete(SLUG, "DOCKER_USER");
      Context created = client.contexts().create(OWNER, "new");
      client.contexts().putVariable(CONTEXT_ID, "DOCKER_ACCESS_TOKEN", "dckr_pat_SECRETTOKEN");
      client.contexts().deleteVariable(CONTEXT_ID, "DOCKER_USER");

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

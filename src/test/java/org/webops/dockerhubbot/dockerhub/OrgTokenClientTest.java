package org.webops.dockerhubbot.dockerhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.body;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.target;

import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class OrgTokenClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockDockerHub hub = new MockDockerHub(server);

  @Test
  void create_resourcesAndExpiry_sendsThemAndReturnsTheToken() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(201, "org-access-token-created.json");

    // when
    OrgAccessToken created =
        hub.client()
            .orgTokens().create(
                "webops",
                "pipeline-api",
                List.of(OrgTokenResource.pull("webops/api")),
                Instant.parse("2026-07-15T00:00:00Z"));

    // then
    hub.take();
    RecordedRequest request = hub.take();
    assertEquals("POST /v2/orgs/webops/access-tokens", target(request));
    assertEquals(
        "{\"label\":\"pipeline-api\",\"resources\":[{\"type\":\"TYPE_REPO\",\"path\":\"webops/api\","
            + "\"scopes\":[\"scope-image-pull\"]}],\"expires_at\":\"2026-07-15T00:00:00Z\"}",
        body(request).toString());
    assertEquals("dckr_oat_NEWLYCREATEDOAT", created.token());
    assertEquals("webops/api", created.resources().get(0).path());
  }

  @Test
  void create_clockWithNanoseconds_expiresAtInWholeSeconds() throws Exception {
    hub.answer(200, "users-login.json");
    hub.answer(201, "org-access-token-created.json");

    hub.client().orgTokens().create("webops", "label", List.of(new OrgTokenResource(
        OrgTokenResource.TYPE_REPO, "*/*/public", List.of(OrgTokenResource.SCOPE_IMAGE_PULL))),
        Instant.parse("2026-07-15T10:42:07.123456789Z"));

    hub.take();
    assertEquals("2026-07-15T10:42:07Z", body(hub.take()).get("expires_at").asText());
  }

  @Test
  void list_threePages_readsAll() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "org-access-tokens-page1.json");
    hub.answer(200, "org-access-tokens-page2.json");
    hub.answer(200, "org-access-tokens-page3.json");

    // when
    List<OrgAccessToken> tokens = hub.client().orgTokens().list("webops");

    // then
    assertEquals(4, tokens.size());
    hub.take();
    for (int page = 1; page <= 3; page++) {
      assertEquals("GET /v2/orgs/webops/access-tokens?page=" + page + "&page_size=100", target(hub.take()));
    }
  }

  @Test
  void delete_sendsDelete() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answerEmpty(204);

    // when
    hub.client().orgTokens().delete("webops", "a7a5ef25-8889-43a0-8cc7-f2a94268e861");

    // then
    hub.take();
    assertEquals(
        "DELETE /v2/orgs/webops/access-tokens/a7a5ef25-8889-43a0-8cc7-f2a94268e861", target(hub.take()));
  }
}

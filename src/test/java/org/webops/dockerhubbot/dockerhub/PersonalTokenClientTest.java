package org.webops.dockerhubbot.dockerhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.body;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.ForbiddenException;
import org.webops.dockerhubbot.http.ServerErrorException;

class PersonalTokenClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockDockerHub hub = new MockDockerHub(server);

  @Test
  void create_labelScopesExpiry_sendsThemAndReturnsTheTokenOnce() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(201, "access-token-created.json");

    // when
    PersonalAccessToken created =
        hub.client()
            .personalTokens().create(
                "pipeline-api", List.of(RepoScope.READ, RepoScope.WRITE), Instant.parse("2026-07-15T00:00:00Z"));

    // then
    hub.take();
    RecordedRequest request = hub.take();
    assertEquals("POST /v2/access-tokens", target(request));
    assertEquals("application/json", request.getHeaders().get("Content-Type"));
    JsonNode body = body(request);
    assertEquals("pipeline-api", body.get("token_label").asText());
    assertEquals("[\"repo:read\",\"repo:write\"]", body.get("scopes").toString());
    assertEquals("2026-07-15T00:00:00Z", body.get("expires_at").asText());
    assertEquals("dckr_pat_NEWLYCREATEDTOKEN", created.token());
    assertFalse(created.toString().contains("dckr_pat_NEWLYCREATEDTOKEN"));
  }

  @Test
  void create_503_isNotRepeated() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answerEmpty(503);
    hub.answer(201, "access-token-created.json");

    // when
    assertThrows(
        ServerErrorException.class,
        () -> hub.client().personalTokens().create("pipeline-api", List.of(RepoScope.READ), null));

    // then
    assertEquals(2, server.getRequestCount());
    assertTrue(hub.sleeper.waits().isEmpty());
  }

  @Test
  void create_loginMadeWithPat_throwsForbiddenFlaggedAsPatRefusal() {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(403, "forbidden-pat.json");

    // when
    ForbiddenException e =
        assertThrows(
            ForbiddenException.class,
            () -> hub.client().personalTokens().create("pipeline-api", List.of(RepoScope.READ), null));

    // then
    assertTrue(e.personalAccessTokenRefused());
  }

  @Test
  void list_threePages_readsAll() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "access-tokens-page1.json");
    hub.answer(200, "access-tokens-page2.json");
    hub.answer(200, "access-tokens-page3.json");

    // when
    List<PersonalAccessToken> tokens = hub.client().personalTokens().list();

    // then
    assertEquals(
        List.of("ci-alpha", "ci-beta", "ci-gamma", "ci-delta", "pipeline-web"),
        tokens.stream().map(PersonalAccessToken::label).toList());
    assertFalse(tokens.get(2).active());
    hub.take();
    assertEquals("GET /v2/access-tokens?page=1&page_size=100", target(hub.take()));
    assertEquals("GET /v2/access-tokens?page=2&page_size=100", target(hub.take()));
    assertEquals("GET /v2/access-tokens?page=3&page_size=100", target(hub.take()));
  }

  @Test
  void deactivate_sendsPatchWithIsActiveFalse() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "access-token-deactivated.json");

    // when
    hub.client().personalTokens().deactivate("b30bbf97-506c-4ecd-aabc-000000000001");

    // then
    hub.take();
    RecordedRequest request = hub.take();
    assertEquals("PATCH /v2/access-tokens/b30bbf97-506c-4ecd-aabc-000000000001", target(request));
    assertEquals("{\"is_active\":false}", body(request).toString());
  }

  @Test
  void delete_sendsDelete() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answerEmpty(204);

    // when
    hub.client().personalTokens().delete("b30bbf97-506c-4ecd-aabc-000000000001");

    // then
    hub.take();
    assertEquals("DELETE /v2/access-tokens/b30bbf97-506c-4ecd-aabc-000000000001", target(hub.take()));
  }

  @Test
  void create_noExpiry_sendsNoExpiresAt() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(201, "access-token-created.json");

    // when
    hub.client().personalTokens().create("pipeline-api", List.of(RepoScope.READ), null);

    // then
    hub.take();
    RecordedRequest create = hub.take();
    assertEquals("POST /v2/access-tokens", target(create));
    assertFalse(body(create).has("expires_at"));
  }
}

package org.webops.dockerhubbot.circleci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.circleci.MockCircleCi.target;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.UnauthorizedException;

class UserClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockCircleCi ci = new MockCircleCi(server);

  @Test
  void me_tokenAccepted_readsTheUser() throws Exception {
    // given
    ci.answer(200, "me.json");

    // when
    CurrentUser me = ci.client().users().me();

    // then
    assertEquals(new CurrentUser("5d1c3a8e-0000-4000-8000-00000000e0e0", "webops-bot",
        "Webops Bot"), me);
    assertEquals("GET /api/v2/me", target(ci.take()));
  }

  @Test
  void me_tokenRevoked_unauthorizedWithCircleCisMessageAndNoToken() throws Exception {
    // given
    ci.answer(401, "not-logged-in.json");

    // when
    UnauthorizedException e = assertThrows(UnauthorizedException.class,
        () -> ci.client().users().me());

    // then: not retried, and the message names the call, never the token
    assertEquals("CircleCI GET /api/v2/me answered 401: You must log in first.", e.getMessage());
    assertTrue(ci.sleeper.waits().isEmpty());
    assertEquals("GET /api/v2/me", target(ci.take()));
  }
}

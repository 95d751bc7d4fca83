package org.webops.dockerhubbot.dockerhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.ADMIN;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.NOW;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.ORG_TOKEN;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.assertLoginThenBearer;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.body;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.field;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.target;

import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.UnauthorizedException;

/** Logins, explicit and the ones other calls make by themselves, and the login-token cache. */
class LoginClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockDockerHub hub = new MockDockerHub(server);

  @Test
  void usersLogin_password_sendsUsernameAndPasswordAndReadsJwtExpiry() throws Exception {
    // given
    hub.answer(200, "users-login.json");

    // when
    LoginToken token = hub.client().logins().usersLogin((DockerHubCredential.Password) ADMIN);

    // then
    RecordedRequest login = hub.take();
    assertEquals("POST /v2/users/login", target(login));
    assertEquals("webops-admin", body(login).get("username").asText());
    assertEquals("SECRET-PASSWORD-123", body(login).get("password").asText());
    assertEquals(NOW.plusSeconds(600), token.expiresAt());
    assertFalse(token.toString().contains(token.value()));
  }

  @Test
  void verify_accountWithTwoFactor_throwsTwoFactorRequiredAndDoesNotRetry() throws Exception {
    // given
    hub.answer(401, "users-login-2fa.json");

    // when
    TwoFactorRequiredException e =
        assertThrows(TwoFactorRequiredException.class, () -> hub.client().logins().verify());

    // then
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("two-factor"));
    assertFalse(e.getMessage().contains("SECOND-FACTOR"));
    hub.take();
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void verify_wrongPassword_throwsUnauthorizedWithApiMessageAndDoesNotRetry() throws Exception {
    // given
    hub.answer(401, "users-login-401.json");

    // when
    UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> hub.client().logins().verify());

    // then
    assertEquals("Incorrect authentication credentials", e.apiMessage());
    assertEquals("/v2/users/login", e.path());
    hub.take();
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void verify_503_isNotRetried() throws Exception {
    // given
    hub.answerEmpty(503);
    hub.answer(200, "users-login.json");

    // when
    assertThrows(ServerErrorException.class, () -> hub.client().logins().verify());

    // then
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void authToken_organisationToken_sendsOrgNameAsIdentifierAndDefaultsExpiryToTenMinutes()
      throws Exception {
    // given
    hub.answer(200, "auth-token.json");
    hub.answer(200, "team-members-page3.json");

    // when
    hub.client(ORG_TOKEN, false).organisation().listTeamMembers("webops", "ci");

    // then
    RecordedRequest login = hub.take();
    assertEquals("POST /v2/auth/token", target(login));
    assertEquals("webops", body(login).get("identifier").asText());
    assertEquals("dckr_oat_SECRETORGTOKEN", body(login).get("secret").asText());
    RecordedRequest call = hub.take();
    String accessToken = field("auth-token.json", "access_token");
    assertEquals("Bearer " + accessToken, call.getHeaders().get("Authorization"));
    assertEquals(NOW.plus(Duration.ofMinutes(10)), LoginToken.of(accessToken, NOW).expiresAt());
  }

  @Test
  void calls_tokenStillValid_logInOnlyOnce() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "team-members-page3.json");
    hub.answer(200, "team-members-page3.json");

    // when
    DockerHubClient client = hub.client();
    client.organisation().listTeamMembers("webops", "ci");
    hub.clock.advance(Duration.ofMinutes(8));
    client.organisation().listTeamMembers("webops", "ci");

    // then
    assertLoginThenBearer(hub.take(), hub.take());
    assertEquals("GET /v2/orgs/webops/groups/ci/members?page=1&page_size=100", target(hub.take()));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void calls_tokenAboutToExpire_logInAgain() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "team-members-page3.json");
    hub.answer(200, "users-login.json");
    hub.answer(200, "team-members-page3.json");

    // when: within the last minute of the 10-minute token
    DockerHubClient client = hub.client();
    client.organisation().listTeamMembers("webops", "ci");
    hub.clock.advance(Duration.ofSeconds(9 * 60 + 1));
    client.organisation().listTeamMembers("webops", "ci");

    // then
    hub.take();
    hub.take();
    assertEquals("POST /v2/users/login", target(hub.take()));
    hub.take();
  }

  @Test
  void call_401WithCachedToken_logsInOnceMoreAndRepeatsTheCall() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(401, "unauthorized.json");
    hub.answer(200, "users-login-second.json");
    hub.answer(200, "team-members-page3.json");

    // when
    List<TeamMember> members = hub.client().organisation().listTeamMembers("webops", "ci");

    // then
    assertEquals(1, members.size());
    hub.take();
    hub.take();
    assertEquals("POST /v2/users/login", target(hub.take()));
    RecordedRequest repeated = hub.take();
    String renewed = field("users-login-second.json", "token");
    assertEquals("Bearer " + renewed, repeated.getHeaders().get("Authorization"));
  }

  @Test
  void call_401EvenAfterRenewal_throwsUnauthorized() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(401, "unauthorized.json");
    hub.answer(200, "users-login-second.json");
    hub.answer(401, "unauthorized.json");

    // when
    UnauthorizedException e =
        assertThrows(UnauthorizedException.class, () -> hub.client().organisation().listTeamMembers("webops", "ci"));

    // then
    assertEquals("Invalid token", e.apiMessage());
    assertEquals(4, server.getRequestCount());
  }
}

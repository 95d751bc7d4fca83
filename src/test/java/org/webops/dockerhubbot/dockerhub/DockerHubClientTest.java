package org.webops.dockerhubbot.dockerhub;

import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.webops.dockerhubbot.http.ConflictException;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.http.Fixtures;
import org.webops.dockerhubbot.http.ForbiddenException;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.RecordingSleeper;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.RedirectedException;
import org.webops.dockerhubbot.http.SpecValidator;
import org.webops.dockerhubbot.http.UnauthorizedException;

class DockerHubClientTest {

  static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  static final DockerHubCredential ADMIN =
      new DockerHubCredential.Password("webops-admin", "SECRET-PASSWORD-123");
  static final DockerHubCredential ORG_TOKEN =
      new DockerHubCredential.OrganizationToken("webops", "dckr_oat_SECRETORGTOKEN");
  private static final SpecValidator SPEC = SpecValidator.dockerHub();

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(NOW);

  private DockerHubClient client(DockerHubCredential credential, boolean dryRun) {
    return new DockerHubClient(
        server.url("/"),
        HttpClients.shared(),
        credential,
        dryRun,
        new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0),
        sleeper,
        clock);
  }

  private DockerHubClient client() {
    return client(ADMIN, false);
  }

  private void answer(int code, String fixture) {
    server.enqueue(Fixtures.json(DockerHubClientTest.class, code, fixture));
  }

  private void answerEmpty(int code) {
    server.enqueue(Fixtures.empty(code));
  }

  /** Takes the next request and checks it against the Docker Hub spec. */
  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request was sent");
    }
    SPEC.assertValid(request);
    return request;
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return Json.MAPPER.readTree(request.getBody().string(StandardCharsets.UTF_8));
  }

  private static String target(RecordedRequest request) {
    return request.getMethod() + " " + request.getTarget();
  }

  private void assertLoginThenBearer(RecordedRequest login, RecordedRequest call) throws Exception {
    assertEquals("POST /v2/users/login", target(login));
    assertNull(login.getHeaders().get("Authorization"));
    String jwt = Json.MAPPER.readTree(Fixtures.text(getClass(), "users-login.json")).get("token").asText();
    assertEquals("Bearer " + jwt, call.getHeaders().get("Authorization"));
  }

  // ----------------------------------------------------------------- logins

  @Test
  void usersLogin_password_sendsUsernameAndPasswordAndReadsJwtExpiry() throws Exception {
    // given
    answer(200, "users-login.json");

    // when
    LoginToken token = client().usersLogin((DockerHubCredential.Password) ADMIN);

    // then
    RecordedRequest login = take();
    assertEquals("POST /v2/users/login", target(login));
    assertEquals("webops-admin", body(login).get("username").asText());
    assertEquals("SECRET-PASSWORD-123", body(login).get("password").asText());
    assertEquals(NOW.plusSeconds(600), token.expiresAt());
    assertFalse(token.toString().contains(token.value()));
  }

  @Test
  void usersLogin_accountWithTwoFactor_throwsTwoFactorRequiredAndDoesNotRetry() throws Exception {
    // given
    answer(401, "users-login-2fa.json");

    // when
    TwoFactorRequiredException e =
        assertThrows(TwoFactorRequiredException.class, () -> client().verifyLogin());

    // then
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("two-factor"));
    assertFalse(e.getMessage().contains("SECOND-FACTOR"));
    take();
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void usersLogin_wrongPassword_throwsUnauthorizedWithApiMessageAndDoesNotRetry() throws Exception {
    // given
    answer(401, "users-login-401.json");

    // when
    UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> client().verifyLogin());

    // then
    assertEquals("Incorrect authentication credentials", e.apiMessage());
    assertEquals("/v2/users/login", e.path());
    take();
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void usersLogin_503_isNotRetried() throws Exception {
    // given
    answerEmpty(503);
    answer(200, "users-login.json");

    // when
    assertThrows(ServerErrorException.class, () -> client().verifyLogin());

    // then
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void authToken_organisationToken_sendsOrgNameAsIdentifierAndDefaultsExpiryToTenMinutes()
      throws Exception {
    // given
    answer(200, "auth-token.json");
    answer(200, "team-members-page3.json");

    // when
    client(ORG_TOKEN, false).listTeamMembers("webops", "ci");

    // then
    RecordedRequest login = take();
    assertEquals("POST /v2/auth/token", target(login));
    assertEquals("webops", body(login).get("identifier").asText());
    assertEquals("dckr_oat_SECRETORGTOKEN", body(login).get("secret").asText());
    RecordedRequest call = take();
    String accessToken =
        Json.MAPPER.readTree(Fixtures.text(getClass(), "auth-token.json")).get("access_token").asText();
    assertEquals("Bearer " + accessToken, call.getHeaders().get("Authorization"));
    assertEquals(NOW.plus(Duration.ofMinutes(10)), LoginToken.of(accessToken, NOW).expiresAt());
  }

  @Test
  void calls_tokenStillValid_logInOnlyOnce() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "team-members-page3.json");
    answer(200, "team-members-page3.json");

    // when
    DockerHubClient client = client();
    client.listTeamMembers("webops", "ci");
    clock.advance(Duration.ofMinutes(8));
    client.listTeamMembers("webops", "ci");

    // then
    assertLoginThenBearer(take(), take());
    assertEquals("GET /v2/orgs/webops/groups/ci/members?page=1&page_size=100", target(take()));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void calls_tokenAboutToExpire_logInAgain() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "team-members-page3.json");
    answer(200, "users-login.json");
    answer(200, "team-members-page3.json");

    // when: within the last minute of the 10-minute token
    DockerHubClient client = client();
    client.listTeamMembers("webops", "ci");
    clock.advance(Duration.ofSeconds(9 * 60 + 1));
    client.listTeamMembers("webops", "ci");

    // then
    take();
    take();
    assertEquals("POST /v2/users/login", target(take()));
    take();
  }

  @Test
  void call_401WithCachedToken_logsInOnceMoreAndRepeatsTheCall() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(401, "unauthorized.json");
    answer(200, "users-login-second.json");
    answer(200, "team-members-page3.json");

    // when
    List<TeamMember> members = client().listTeamMembers("webops", "ci");

    // then
    assertEquals(1, members.size());
    take();
    take();
    assertEquals("POST /v2/users/login", target(take()));
    RecordedRequest repeated = take();
    String renewed =
        Json.MAPPER.readTree(Fixtures.text(getClass(), "users-login-second.json")).get("token").asText();
    assertEquals("Bearer " + renewed, repeated.getHeaders().get("Authorization"));
  }

  @Test
  void call_401EvenAfterRenewal_throwsUnauthorized() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(401, "unauthorized.json");
    answer(200, "users-login-second.json");
    answer(401, "unauthorized.json");

    // when
    UnauthorizedException e =
        assertThrows(UnauthorizedException.class, () -> client().listTeamMembers("webops", "ci"));

    // then
    assertEquals("Invalid token", e.apiMessage());
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void forCredential_otherIdentity_logsInSeparately() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "access-tokens-page3.json");

    // when
    DockerHubCredential serviceUser = new DockerHubCredential.Password("svcpipelineweb", "SECRET-SVC-PASSWORD");
    client().forCredential(serviceUser).listPersonalAccessTokens();

    // then
    assertEquals("svcpipelineweb", body(take()).get("username").asText());
    take();
  }

  // ------------------------------------------------- personal access tokens

  @Test
  void createPersonalAccessToken_labelScopesExpiry_sendsThemAndReturnsTheTokenOnce() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(201, "access-token-created.json");

    // when
    PersonalAccessToken created =
        client()
            .createPersonalAccessToken(
                "pipeline-api", List.of(RepoScope.READ, RepoScope.WRITE), Instant.parse("2026-07-15T00:00:00Z"));

    // then
    take();
    RecordedRequest request = take();
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
  void createPersonalAccessToken_503_isNotRepeated() throws Exception {
    // given
    answer(200, "users-login.json");
    answerEmpty(503);
    answer(201, "access-token-created.json");

    // when
    assertThrows(
        ServerErrorException.class,
        () -> client().createPersonalAccessToken("pipeline-api", List.of(RepoScope.READ), null));

    // then
    assertEquals(2, server.getRequestCount());
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void createPersonalAccessToken_loginMadeWithPat_throwsForbiddenFlaggedAsPatRefusal() {
    // given
    answer(200, "users-login.json");
    answer(403, "forbidden-pat.json");

    // when
    ForbiddenException e =
        assertThrows(
            ForbiddenException.class,
            () -> client().createPersonalAccessToken("pipeline-api", List.of(RepoScope.READ), null));

    // then
    assertTrue(e.personalAccessTokenRefused());
  }

  @Test
  void listPersonalAccessTokens_threePages_readsAll() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "access-tokens-page1.json");
    answer(200, "access-tokens-page2.json");
    answer(200, "access-tokens-page3.json");

    // when
    List<PersonalAccessToken> tokens = client().listPersonalAccessTokens();

    // then
    assertEquals(
        List.of("ci-alpha", "ci-beta", "ci-gamma", "ci-delta", "pipeline-web"),
        tokens.stream().map(PersonalAccessToken::label).toList());
    assertFalse(tokens.get(2).active());
    take();
    assertEquals("GET /v2/access-tokens?page=1&page_size=100", target(take()));
    assertEquals("GET /v2/access-tokens?page=2&page_size=100", target(take()));
    assertEquals("GET /v2/access-tokens?page=3&page_size=100", target(take()));
  }

  @Test
  void ensurePersonalAccessToken_activeTokenWithLabelExists_doesNotCreate() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "access-tokens-page3.json");

    // when
    Ensured<PersonalAccessToken> result =
        client().ensurePersonalAccessToken("pipeline-web", List.of(RepoScope.READ), null);

    // then
    assertInstanceOf(Ensured.Existing.class, result);
    assertEquals("b30bbf97-506c-4ecd-aabc-000000000005", result.value().uuid());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void ensurePersonalAccessToken_noSuchLabel_looksFirstThenCreatesOnce() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "access-tokens-page3.json");
    answer(201, "access-token-created.json");

    // when
    Ensured<PersonalAccessToken> result =
        client().ensurePersonalAccessToken("pipeline-api", List.of(RepoScope.READ), null);

    // then
    assertTrue(result.created());
    take();
    assertEquals("GET", take().getMethod());
    RecordedRequest create = take();
    assertEquals("POST /v2/access-tokens", target(create));
    assertFalse(body(create).has("expires_at"));
  }

  @Test
  void deactivatePersonalAccessToken_sendsPatchWithIsActiveFalse() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "access-token-deactivated.json");

    // when
    client().deactivatePersonalAccessToken("b30bbf97-506c-4ecd-aabc-000000000001");

    // then
    take();
    RecordedRequest request = take();
    assertEquals("PATCH /v2/access-tokens/b30bbf97-506c-4ecd-aabc-000000000001", target(request));
    assertEquals("{\"is_active\":false}", body(request).toString());
  }

  @Test
  void deletePersonalAccessToken_sendsDelete() throws Exception {
    // given
    answer(200, "users-login.json");
    answerEmpty(204);

    // when
    client().deletePersonalAccessToken("b30bbf97-506c-4ecd-aabc-000000000001");

    // then
    take();
    assertEquals("DELETE /v2/access-tokens/b30bbf97-506c-4ecd-aabc-000000000001", target(take()));
  }

  // --------------------------------------------- organisation access tokens

  @Test
  void createOrgAccessToken_resourcesAndExpiry_sendsThemAndReturnsTheToken() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(201, "org-access-token-created.json");

    // when
    OrgAccessToken created =
        client()
            .createOrgAccessToken(
                "webops",
                "pipeline-api",
                List.of(OrgTokenResource.pull("webops/api")),
                Instant.parse("2026-07-15T00:00:00Z"));

    // then
    take();
    RecordedRequest request = take();
    assertEquals("POST /v2/orgs/webops/access-tokens", target(request));
    assertEquals(
        "{\"label\":\"pipeline-api\",\"resources\":[{\"type\":\"TYPE_REPO\",\"path\":\"webops/api\","
            + "\"scopes\":[\"scope-image-pull\"]}],\"expires_at\":\"2026-07-15T00:00:00Z\"}",
        body(request).toString());
    assertEquals("dckr_oat_NEWLYCREATEDOAT", created.token());
    assertEquals("webops/api", created.resources().get(0).path());
  }

  @Test
  void listOrgAccessTokens_threePages_readsAll() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "org-access-tokens-page1.json");
    answer(200, "org-access-tokens-page2.json");
    answer(200, "org-access-tokens-page3.json");

    // when
    List<OrgAccessToken> tokens = client().listOrgAccessTokens("webops");

    // then
    assertEquals(4, tokens.size());
    take();
    for (int page = 1; page <= 3; page++) {
      assertEquals("GET /v2/orgs/webops/access-tokens?page=" + page + "&page_size=100", target(take()));
    }
  }

  @Test
  void ensureOrgAccessToken_labelExists_doesNotCreate() {
    // given
    answer(200, "users-login.json");
    answer(200, "org-access-tokens-page3.json");

    // when
    Ensured<OrgAccessToken> result =
        client().ensureOrgAccessToken("webops", "pipeline-web", List.of(OrgTokenResource.pull("webops/web")), null);

    // then
    assertFalse(result.created());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void deleteOrgAccessToken_sendsDelete() throws Exception {
    // given
    answer(200, "users-login.json");
    answerEmpty(204);

    // when
    client().deleteOrgAccessToken("webops", "a7a5ef25-8889-43a0-8cc7-f2a94268e861");

    // then
    take();
    assertEquals(
        "DELETE /v2/orgs/webops/access-tokens/a7a5ef25-8889-43a0-8cc7-f2a94268e861", target(take()));
  }

  // --------------------------------------------------- members and invites

  @Test
  void listOrgMembers_liveShapeOverThreePages_readsAll() throws Exception {
    // given: the live API answers {count, next, previous, results}, not the spec's array
    answer(200, "users-login.json");
    answer(200, "org-members-page1.json");
    answer(200, "org-members-page2.json");
    answer(200, "org-members-page3.json");

    // when
    List<OrgMember> members = client().listOrgMembers("webops");

    // then
    assertEquals(
        List.of("alice", "bob", "carol", "dave", "svcpipelineweb"),
        members.stream().map(OrgMember::username).toList());
    assertEquals("Owner", members.get(0).role());
    take();
    for (int page = 1; page <= 3; page++) {
      assertEquals("GET /v2/orgs/webops/members?page=" + page + "&page_size=100", target(take()));
    }
  }

  @Test
  void listOrgMembers_specArrayShape_isReadToo() {
    // given: the shape the spec documents (an array of paginated objects)
    answer(200, "users-login.json");
    answer(200, "org-members-spec-shape.json");

    // when
    List<OrgMember> members = client().listOrgMembers("webops");

    // then
    assertEquals(List.of("alice", "bob"), members.stream().map(OrgMember::username).toList());
  }

  @Test
  void bulkInvite_liveFlatAnswer_sendsOrgTeamRoleInviteesAndReadsResults() throws Exception {
    // given: the live API answers {"invitees": [...]} flat
    answer(200, "users-login.json");
    answer(202, "bulk-invite-live.json");

    // when
    List<InviteResult> results = client().bulkInvite("webops", "ci", "member", List.of("svcpipelineapi"));

    // then
    take();
    RecordedRequest request = take();
    assertEquals("POST /v2/invites/bulk", target(request));
    assertEquals(
        "{\"org\":\"webops\",\"team\":\"ci\",\"role\":\"member\",\"invitees\":[\"svcpipelineapi\"]}",
        body(request).toString());
    assertEquals("invited", results.get(0).status());
    assertEquals("e36eca69-4cc8-4f17-9845-ae8c2b832691", results.get(0).invite().id());
  }

  @Test
  void bulkInvite_specNestedAnswer_isReadToo() {
    // given
    answer(200, "users-login.json");
    answer(202, "bulk-invite-spec-shape.json");

    // when
    List<InviteResult> results = client().bulkInvite("webops", "ci", "member", List.of("svcpipelineapi"));

    // then
    assertEquals("svcpipelineapi", results.get(0).invitee());
  }

  @Test
  void bulkInvite_409_isNotRepeatedAndIsConflict() {
    // given
    answer(200, "users-login.json");
    server.enqueue(Fixtures.jsonBody(409, "{\"message\":\"already invited\"}"));

    // when
    ConflictException e =
        assertThrows(
            ConflictException.class,
            () -> client().bulkInvite("webops", "ci", "member", List.of("svcpipelineapi")));

    // then
    assertEquals("already invited", e.apiMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void listOrgInvites_dataList_readsPendingInvites() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "org-invites.json");

    // when
    List<OrgInvite> invites = client().listOrgInvites("webops");

    // then
    assertEquals(List.of("svcpipelineapi", "someone@example.org"), invites.stream().map(OrgInvite::invitee).toList());
    take();
    assertEquals("GET /v2/orgs/webops/invites", target(take()));
  }

  @Test
  void deleteInvite_sendsDelete() throws Exception {
    // given
    answer(200, "users-login.json");
    answerEmpty(204);

    // when
    client().deleteInvite("e36eca69-4cc8-4f17-9845-ae8c2b832691");

    // then
    take();
    assertEquals("DELETE /v2/invites/e36eca69-4cc8-4f17-9845-ae8c2b832691", target(take()));
  }

  @Test
  void ensureInvited_alreadyMember_sendsNoInvite() {
    // given
    answer(200, "users-login.json");
    answer(200, "org-members-page3.json");

    // when
    Ensured<String> result = client().ensureInvited("webops", "ci", "member", "SvcPipelineWeb");

    // then
    assertFalse(result.created());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void ensureInvited_invitePending_sendsNoInvite() {
    // given
    answer(200, "users-login.json");
    answer(200, "org-members-page3.json");
    answer(200, "org-invites.json");

    // when
    Ensured<String> result = client().ensureInvited("webops", "ci", "member", "svcpipelineapi");

    // then
    assertFalse(result.created());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void ensureInvited_neitherMemberNorInvited_invitesOnce() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "org-members-page3.json");
    answer(200, "org-invites.json");
    answer(202, "bulk-invite-live.json");

    // when
    Ensured<String> result = client().ensureInvited("webops", "ci", "member", "svcnewpipeline");

    // then
    assertTrue(result.created());
    take();
    take();
    take();
    assertEquals("[\"svcnewpipeline\"]", body(take()).get("invitees").toString());
  }

  @Test
  void listTeamMembers_threePages_readsAll() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "team-members-page1.json");
    answer(200, "team-members-page2.json");
    answer(200, "team-members-page3.json");

    // when
    List<TeamMember> members = client().listTeamMembers("webops", "ci");

    // then
    assertEquals(5, members.size());
    take();
    for (int page = 1; page <= 3; page++) {
      assertEquals("GET /v2/orgs/webops/groups/ci/members?page=" + page + "&page_size=100", target(take()));
    }
  }

  @Test
  void listTeamMembers_429ThenSuccess_waitsAndRetries() {
    // given
    answer(200, "users-login.json");
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    answer(200, "team-members-page3.json");

    // when
    List<TeamMember> members = client().listTeamMembers("webops", "ci");

    // then
    assertEquals(1, members.size());
    assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits());
  }

  @Test
  void addTeamMember_sendsMember() throws Exception {
    // given
    answer(200, "users-login.json");
    answerEmpty(200);

    // when
    client().addTeamMember("webops", "ci", "svcpipelineapi");

    // then
    take();
    RecordedRequest request = take();
    // with the trailing slash Docker's own clients use: without it, Docker Hub redirects
    assertEquals("POST /v2/orgs/webops/groups/ci/members/", target(request));
    assertEquals("{\"member\":\"svcpipelineapi\"}", body(request).toString());
  }

  @Test
  void addTeamMember_redirected_notFollowedButAnErrorNamingWhereTo() throws Exception {
    // given: the write is redirected (as to the path with a trailing slash)
    answer(200, "users-login.json");
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(301)
        .addHeader("Location", "/v2/elsewhere/?secret=x").build());
    server.enqueue(Fixtures.json(DockerHubClientTest.class, 200, "team-members-page3.json"));

    // when
    RedirectedException redirected = assertThrows(RedirectedException.class,
        () -> client().addTeamMember("webops", "ci", "svcpipelineapi"));

    // then: one POST, not replayed as a GET that would look like success
    assertTrue(redirected.getMessage().contains("redirected to /v2/elsewhere/"),
        redirected.getMessage());
    assertFalse(redirected.getMessage().contains("secret=x"));
    take();
    assertEquals("POST", take().getMethod());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void listTeamMembers_bareArrayAsHubToolReadsIt_allRead() throws Exception {
    answer(200, "users-login.json");
    answer(200, "team-members-array.json");

    List<TeamMember> members = client().listTeamMembers("webops", "ci");

    assertEquals(List.of("svcpipelineapi", "SvcOther"),
        members.stream().map(TeamMember::username).toList());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void createOrgAccessToken_clockWithNanoseconds_expiresAtInWholeSeconds() throws Exception {
    answer(200, "users-login.json");
    answer(201, "org-access-token-created.json");

    client().createOrgAccessToken("webops", "label", List.of(new OrgTokenResource(
        OrgTokenResource.TYPE_REPO, "*/*/public", List.of(OrgTokenResource.SCOPE_IMAGE_PULL))),
        Instant.parse("2026-07-15T10:42:07.123456789Z"));

    take();
    assertEquals("2026-07-15T10:42:07Z", body(take()).get("expires_at").asText());
  }

  @Test
  void ensureTeamMember_alreadyInTeam_addsNothing() {
    // given
    answer(200, "users-login.json");
    answer(200, "team-members-page3.json");

    // when
    Ensured<String> result = client().ensureTeamMember("webops", "ci", "svcpipelineweb");

    // then
    assertFalse(result.created());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void removeTeamMember_sendsDelete() throws Exception {
    // given
    answer(200, "users-login.json");
    answerEmpty(204);

    // when
    client().removeTeamMember("webops", "ci", "svcpipelineweb");

    // then
    take();
    assertEquals("DELETE /v2/orgs/webops/groups/ci/members/svcpipelineweb", target(take()));
  }

  // ---------------------------------------------------------------- dry run

  @Test
  void dryRun_writes_areDescribedNotSentAndLogged() throws Exception {
    // given
    DockerHubClient client = client(ADMIN, true);
    try (LogCapture logs = new LogCapture()) {

      // when
      PersonalAccessToken pat = client.createPersonalAccessToken("pipeline-api", List.of(RepoScope.READ), null);
      OrgAccessToken oat =
          client.createOrgAccessToken("webops", "pipeline-api", List.of(OrgTokenResource.pull("webops/api")), null);
      client.deactivatePersonalAccessToken("u1");
      client.deletePersonalAccessToken("u1");
      client.deleteOrgAccessToken("webops", "o1");
      List<InviteResult> invited = client.bulkInvite("webops", "ci", "member", List.of("svcx"));
      client.deleteInvite("i1");
      client.addTeamMember("webops", "ci", "svcx");
      client.removeTeamMember("webops", "ci", "svcx");

      // then
      assertEquals(0, server.getRequestCount());
      assertEquals("dry-run", pat.uuid());
      assertFalse(pat.hasToken());
      assertFalse(oat.hasToken());
      assertEquals("dry_run", invited.get(0).status());
      String log = logs.text();
      assertTrue(log.contains("DRY_RUN: Docker Hub would POST /v2/access-tokens"), log);
      assertTrue(log.contains("would DELETE /v2/orgs/webops/groups/ci/members/svcx"), log);
      assertFalse(log.contains("SECRET-PASSWORD-123"));
    }
  }

  @Test
  void dryRun_ensure_looksWithRealReadsAndOnlyDescribesTheCreate() throws Exception {
    // given
    answer(200, "users-login.json");
    answer(200, "team-members-page3.json");

    // when
    Ensured<String> result = client(ADMIN, true).ensureTeamMember("webops", "ci", "svcnew");

    // then
    assertTrue(result.created());
    take();
    assertEquals("GET", take().getMethod());
    assertEquals(2, server.getRequestCount());
  }
}

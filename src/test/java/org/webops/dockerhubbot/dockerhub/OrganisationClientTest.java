package org.webops.dockerhubbot.dockerhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.body;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.target;

import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.ConflictException;
import org.webops.dockerhubbot.http.Fixtures;
import org.webops.dockerhubbot.http.RedirectedException;

class OrganisationClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockDockerHub hub = new MockDockerHub(server);

  @Test
  void listMembers_liveShapeOverThreePages_readsAll() throws Exception {
    // given: the live API answers {count, next, previous, results}, not the spec's array
    hub.answer(200, "users-login.json");
    hub.answer(200, "org-members-page1.json");
    hub.answer(200, "org-members-page2.json");
    hub.answer(200, "org-members-page3.json");

    // when
    List<OrgMember> members = hub.client().organisation().listMembers("webops");

    // then
    assertEquals(
        List.of("alice", "bob", "carol", "dave", "svcpipelineweb"),
        members.stream().map(OrgMember::username).toList());
    assertEquals("Owner", members.get(0).role());
    hub.take();
    for (int page = 1; page <= 3; page++) {
      assertEquals("GET /v2/orgs/webops/members?page=" + page + "&page_size=100", target(hub.take()));
    }
  }

  @Test
  void listMembers_specArrayShape_isReadToo() {
    // given: the shape the spec documents (an array of paginated objects)
    hub.answer(200, "users-login.json");
    hub.answer(200, "org-members-spec-shape.json");

    // when
    List<OrgMember> members = hub.client().organisation().listMembers("webops");

    // then
    assertEquals(List.of("alice", "bob"), members.stream().map(OrgMember::username).toList());
  }

  @Test
  void listInvites_dataList_readsPendingInvites() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "org-invites.json");

    // when
    List<OrgInvite> invites = hub.client().organisation().listInvites("webops");

    // then
    assertEquals(List.of("svcpipelineapi", "someone@example.org"), invites.stream().map(OrgInvite::invitee).toList());
    hub.take();
    assertEquals("GET /v2/orgs/webops/invites", target(hub.take()));
  }

  @Test
  void bulkInvite_liveFlatAnswer_sendsOrgTeamRoleInviteesAndReadsResults() throws Exception {
    // given: the live API answers {"invitees": [...]} flat
    hub.answer(200, "users-login.json");
    hub.answer(202, "bulk-invite-live.json");

    // when
    List<InviteResult> results = hub.client().organisation().bulkInvite("webops", "ci", "member", List.of("svcpipelineapi"));

    // then
    hub.take();
    RecordedRequest request = hub.take();
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
    hub.answer(200, "users-login.json");
    hub.answer(202, "bulk-invite-spec-shape.json");

    // when
    List<InviteResult> results = hub.client().organisation().bulkInvite("webops", "ci", "member", List.of("svcpipelineapi"));

    // then
    assertEquals("svcpipelineapi", results.get(0).invitee());
  }

  @Test
  void bulkInvite_409_isNotRepeatedAndIsConflict() {
    // given
    hub.answer(200, "users-login.json");
    server.enqueue(Fixtures.jsonBody(409, "{\"message\":\"already invited\"}"));

    // when
    ConflictException e =
        assertThrows(
            ConflictException.class,
            () -> hub.client().organisation().bulkInvite("webops", "ci", "member", List.of("svcpipelineapi")));

    // then
    assertEquals("already invited", e.apiMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void deleteInvite_sendsDelete() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answerEmpty(204);

    // when
    hub.client().organisation().deleteInvite("e36eca69-4cc8-4f17-9845-ae8c2b832691");

    // then
    hub.take();
    assertEquals("DELETE /v2/invites/e36eca69-4cc8-4f17-9845-ae8c2b832691", target(hub.take()));
  }

  @Test
  void listTeamMembers_threePages_readsAll() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "team-members-page1.json");
    hub.answer(200, "team-members-page2.json");
    hub.answer(200, "team-members-page3.json");

    // when
    List<TeamMember> members = hub.client().organisation().listTeamMembers("webops", "ci");

    // then
    assertEquals(5, members.size());
    hub.take();
    for (int page = 1; page <= 3; page++) {
      assertEquals("GET /v2/orgs/webops/groups/ci/members?page=" + page + "&page_size=100", target(hub.take()));
    }
  }

  @Test
  void listTeamMembers_429ThenSuccess_waitsAndRetries() {
    // given
    hub.answer(200, "users-login.json");
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    hub.answer(200, "team-members-page3.json");

    // when
    List<TeamMember> members = hub.client().organisation().listTeamMembers("webops", "ci");

    // then
    assertEquals(1, members.size());
    assertEquals(List.of(Duration.ofSeconds(2)), hub.sleeper.waits());
  }

  @Test
  void listTeamMembers_bareArrayAsHubToolReadsIt_allRead() throws Exception {
    hub.answer(200, "users-login.json");
    hub.answer(200, "team-members-array.json");

    List<TeamMember> members = hub.client().organisation().listTeamMembers("webops", "ci");

    assertEquals(List.of("svcpipelineapi", "SvcOther"),
        members.stream().map(TeamMember::username).toList());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void addTeamMember_sendsMember() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answerEmpty(200);

    // when
    hub.client().organisation().addTeamMember("webops", "ci", "svcpipelineapi");

    // then
    hub.take();
    RecordedRequest request = hub.take();
    // with the trailing slash Docker's own clients use: without it, Docker Hub redirects
    assertEquals("POST /v2/orgs/webops/groups/ci/members/", target(request));
    assertEquals("{\"member\":\"svcpipelineapi\"}", body(request).toString());
  }

  @Test
  void addTeamMember_redirected_notFollowedButAnErrorNamingWhereTo() throws Exception {
    // given: the write is redirected (as to the path with a trailing slash)
    hub.answer(200, "users-login.json");
    server.enqueue(new MockResponse.Builder().code(301)
        .addHeader("Location", "/v2/elsewhere/?secret=x").build());
    hub.answer(200, "team-members-page3.json");

    // when
    RedirectedException redirected = assertThrows(RedirectedException.class,
        () -> hub.client().organisation().addTeamMember("webops", "ci", "svcpipelineapi"));

    // then: one POST, not replayed as a GET that would look like success
    assertTrue(redirected.getMessage().contains("redirected to /v2/elsewhere/"),
        redirected.getMessage());
    assertFalse(redirected.getMessage().contains("secret=x"));
    hub.take();
    assertEquals("POST", hub.take().getMethod());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void removeTeamMember_sendsDelete() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answerEmpty(204);

    // when
    hub.client().organisation().removeTeamMember("webops", "ci", "svcpipelineweb");

    // then
    hub.take();
    assertEquals("DELETE /v2/orgs/webops/groups/ci/members/svcpipelineweb", target(hub.take()));
  }

  @Test
  void isTeamMember_listedInOtherCase_isTrueAfterOneRead() {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "team-members-page3.json");

    // when
    boolean member = hub.client().organisation().isTeamMember("webops", "ci", "SvcPipelineWeb");

    // then
    assertTrue(member);
    assertEquals(2, server.getRequestCount());
  }
}

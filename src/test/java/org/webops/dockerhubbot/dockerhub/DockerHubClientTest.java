package org.webops.dockerhubbot.dockerhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.ADMIN;
import static org.webops.dockerhubbot.dockerhub.MockDockerHub.body;

import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.testing.LogCapture;

/** What holds across the areas: other identities and dry-run. */
class DockerHubClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockDockerHub hub = new MockDockerHub(server);

  @Test
  void forCredential_otherIdentity_logsInSeparately() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "access-tokens-page3.json");

    // when
    DockerHubCredential serviceUser = new DockerHubCredential.Password("svcpipelineweb", "SECRET-SVC-PASSWORD");
    hub.client().forCredential(serviceUser).personalTokens().list();

    // then
    assertEquals("svcpipelineweb", body(hub.take()).get("username").asText());
    hub.take();
  }

  @Test
  void dryRun_writes_areDescribedNotSentAndLogged() throws Exception {
    // given
    DockerHubClient client = hub.client(ADMIN, true);
    try (LogCapture logs = new LogCapture()) {

      // when
      PersonalAccessToken pat = client.personalTokens().create("pipeline-api", List.of(RepoScope.READ), null);
      OrgAccessToken oat =
          client.orgTokens().create("webops", "pipeline-api", List.of(OrgTokenResource.pull("webops/api")), null);
      client.personalTokens().deactivate("u1");
      client.personalTokens().delete("u1");
      client.orgTokens().delete("webops", "o1");
      List<InviteResult> invited = client.organisation().bulkInvite("webops", "ci", "member", List.of("svcx"));
      client.organisation().deleteInvite("i1");
      client.organisation().addTeamMember("webops", "ci", "svcx");
      client.organisation().removeTeamMember("webops", "ci", "svcx");

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
  void dryRun_readThenWrite_readIsSentWriteOnlyDescribed() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(200, "team-members-page3.json");
    OrganisationClient organisation = hub.client(ADMIN, true).organisation();

    // when
    boolean member = organisation.isTeamMember("webops", "ci", "svcnew");
    organisation.addTeamMember("webops", "ci", "svcnew");

    // then
    assertFalse(member);
    hub.take();
    assertEquals("GET", hub.take().getMethod());
    assertEquals(2, server.getRequestCount());
  }
}

package org.webops.dockerhubbot.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Every Docker Hub call is counted by the spec's path template, never by its filled-in path. */
class EndpointTemplatesTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockDockerHub hub = new MockDockerHub(server);

  @Test
  void calls_eachCountedByItsTemplate_noOrganisationUserOrIdInAny() throws Exception {
    // given
    hub.answer(200, "users-login.json");
    hub.answer(201, "org-access-token-created.json");
    hub.answerEmpty(204);
    hub.answerEmpty(200);
    hub.answerEmpty(204);
    hub.answer(200, "org-access-tokens-page3.json");
    hub.answer(200, "access-token-deactivated.json");

    // when
    DockerHubClient client = hub.client();
    client.orgTokens().create("webops", "circleci-api-r7-g1",
        List.of(OrgTokenResource.pull("webops/api")), null);
    client.orgTokens().delete("webops", "a1b2c3d4");
    client.organisation().addTeamMember("webops", "ci", "svcpipelineapi");
    client.organisation().removeMember("webops", "svcpipelineapi");
    client.orgTokens().list("webops");
    client.personalTokens().deactivate("e36eca69-4cc8-4f17-9845-ae8c2b832691");

    // then
    assertThat(hub.meter.endpoints()).containsExactly(
        "/v2/users/login",
        "/v2/orgs/{name}/access-tokens",
        "/v2/orgs/{org_name}/access-tokens/{access_token_id}",
        "/v2/orgs/{org_name}/groups/{group_name}/members/",
        "/v2/orgs/{org_name}/members/{username}",
        "/v2/orgs/{name}/access-tokens",
        "/v2/access-tokens/{uuid}");
    assertThat(hub.meter.told()).allSatisfy(line -> assertThat(line).startsWith("Docker Hub ")
        .doesNotContain("webops", "svcpipelineapi", "a1b2c3d4", "e36eca69", "circleci-api"));
  }
}

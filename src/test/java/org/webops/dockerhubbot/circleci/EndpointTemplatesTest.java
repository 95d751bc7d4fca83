package org.webops.dockerhubbot.circleci;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Every CircleCI call is counted by the spec's path template, never by its filled-in path. */
class EndpointTemplatesTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MockCircleCi circleci = new MockCircleCi(server);

  @Test
  void calls_eachCountedByItsTemplate_noSlugContextOrVariableInAny() {
    // given
    circleci.answer(200, "project.json");
    circleci.answer(201, "envvar-created.json");
    circleci.answer(200, "envvars.json");
    circleci.answer(200, "envvar-deleted.json");
    circleci.answer(200, "contexts-page3.json");
    circleci.answer(200, "context-variables-page3.json");

    // when
    CircleCiClient client = circleci.client();
    client.projects().get(MockCircleCi.SLUG);
    client.projectVariables().set(MockCircleCi.SLUG, "DOCKER_ACCESS_TOKEN", "dckr_oat_VALUE");
    client.projectVariables().list(MockCircleCi.SLUG);
    client.projectVariables().delete(MockCircleCi.SLUG, "DOCKER_ACCESS_TOKEN");
    client.contexts().list(MockCircleCi.OWNER);
    client.contexts().listVariables(MockCircleCi.CONTEXT_ID);

    // then
    assertThat(circleci.meter.endpoints()).containsExactly(
        "/project/{project-slug}",
        "/project/{project-slug}/envvar",
        "/project/{project-slug}/envvar",
        "/project/{project-slug}/envvar/{name}",
        "/context",
        "/context/{context-id}/environment-variable");
    assertThat(circleci.meter.told()).allSatisfy(line -> assertThat(line).startsWith("CircleCI ")
        .doesNotContain("webops", "DOCKER_ACCESS_TOKEN", "dckr_oat", MockCircleCi.CONTEXT_ID));
  }
}

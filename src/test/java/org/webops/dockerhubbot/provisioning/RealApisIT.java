package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Runs against fakes that answer the way the real Docker Hub and CircleCI do, where the specs
 * say less (see the package notes of {@code dockerhub} and {@code circleci} for the evidence).
 */
class RealApisIT {
  private static final String TEAM_MEMBERS_ADD = "/v2/orgs/exampleorg/groups/ci-pullers/members/";

  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;
  private FakeDockerHub hub;
  private FakeCircleCi circleci;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
    hub = running.bot().dockerhub();
    circleci = running.bot().circleci();
  }

  @Test
  void invitationRefusedByDockerHub_theStepFailsWithTheReasonInsteadOfWaitingAWeek()
      throws Exception {
    hub.answerNextInvite("invalid_email_or_docker_id");
    flow.submitAndApprove(Flow.serviceUser());

    Drive.signUp(flow);

    flow.awaitState(RequestState.FAILED);
    flow.awaitCard("Invited into the organisation's team* failed");
    flow.awaitThread("knows no such Docker ID (invalid_email_or_docker_id)");
    assertThat(hub.invites()).isEmpty();
  }

  @Test
  void invitedButNotAccepted_listedAsInviteeAmongMembers_stillWaits() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    String dockerId = Drive.signUp(flow);

    flow.awaitCard("Invitation accepted, member of the team*: Waiting");
    String checked = flow.click(Flow.OTHER_APPROVER, "check-membership-action");

    assertThat(Await.first(() -> flow.responseTo(checked), "the answer"))
        .contains("not accepted yet");
    assertThat(hub.count("POST", "/v2/orgs/exampleorg/groups/")).isZero();
    assertThat(flow.request().state()).isEqualTo(RequestState.IN_PROGRESS);
    assertThat(hub.invites()).extracting(FakeDockerHub.Invite::invitee).containsExactly(dockerId);
  }

  @Test
  void memberOfTheOrganisationButNotTheTeam_addedWithTheTrailingSlashAndReadBack()
      throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    String dockerId = Drive.signUp(flow);
    flow.awaitCard("Invitation accepted, member of the team*: Waiting");

    // accepted the organisation's invitation, but not (yet) in the team
    hub.acceptInviteWithoutTeam(dockerId);
    flow.click(Flow.OTHER_APPROVER, "check-membership-action");

    flow.awaitState(RequestState.DONE);
    assertThat(hub.teamMembers()).containsExactly(dockerId);
    assertThat(hub.requests()).filteredOn(r -> r.getMethod().equals("POST")
        && r.getUrl().encodedPath().contains("/groups/")).singleElement()
        .satisfies(r -> assertThat(r.getUrl().encodedPath()).isEqualTo(TEAM_MEMBERS_ADD));
  }

  @Test
  void organisationTokenLimitReached_failsSayingHowToFreeSlots() throws Exception {
    hub.addOrgToken("made-by-hand");
    hub.orgTokenLimit(1);

    flow.submitAndApprove(Flow.orgToken());

    flow.awaitState(RequestState.FAILED);
    flow.awaitThread("as many as its plan allows (10 on Team, 100 on Business; expired and"
        + " deactivated tokens count until they are deleted)");
    assertThat(hub.orgTokens()).singleElement()
        .satisfies(t -> assertThat(t.label()).isEqualTo("made-by-hand"));
  }

  @Test
  void readWriteToken_pushOnTheOrganisationsRepositoriesNeverOnAllPublicImages()
      throws Exception {
    flow.submitAndApprove(Flow.orgToken().with("scope", "read-write"));

    flow.awaitState(RequestState.DONE);
    assertThat(hub.orgTokens()).singleElement().satisfies(token -> {
      assertThat(token.resources()).filteredOn(r -> r.path().equals("*/*/public"))
          .singleElement().satisfies(r -> assertThat(r.scopes())
              .containsExactly("scope-image-pull"));
      assertThat(token.resources()).filteredOn(r -> r.path().equals("exampleorg/*"))
          .singleElement().satisfies(r -> assertThat(r.scopes())
              .containsExactly("scope-image-pull", "scope-image-push"));
    });
  }

  @Test
  void projectVariableOnALaterPage_foundAndNotOverwrittenSilently() throws Exception {
    circleci.envVarPageSize(2);
    for (int i = 0; i < 5; i++) {
      circleci.putProjectVariable(Flow.PIPELINE, "OTHER_" + i, "value-" + i);
    }
    circleci.putProjectVariable(Flow.PIPELINE, "DOCKER_ACCESS_TOKEN", "hand-made-token-9999");

    flow.submitAndApprove(Flow.orgToken());

    flow.awaitCard("CircleCI already has `DOCKER_ACCESS_TOKEN`");
    assertThat(circleci.projectVariables(Flow.PIPELINE))
        .containsEntry("DOCKER_ACCESS_TOKEN", "hand-made-token-9999");
    assertThat(circleci.requests()).anyMatch(r -> r.getUrl().encodedPath().endsWith("/envvar")
        && r.getUrl().queryParameter("page-token") != null);
  }

  @Test
  void contextNamedWithASpace_theExistingOneIsFoundByTheProjectsOrganisationId()
      throws Exception {
    String existing = circleci.addContext("gh/example", "Docker Hub");

    flow.submitAndApprove(Flow.orgToken().with("context", "Docker Hub"));

    flow.awaitState(RequestState.DONE);
    assertThat(circleci.contexts()).singleElement()
        .satisfies(c -> assertThat(c.id()).isEqualTo(existing));
    String token = hub.orgTokens().get(0).token();
    assertThat(circleci.contextVariables("Docker Hub"))
        .isEqualTo(Map.of("DOCKER_USER", TestBot.ORG, "DOCKER_ACCESS_TOKEN", token));
    assertThat(circleci.requests()).filteredOn(r -> r.getUrl().encodedPath()
        .endsWith("/context")).allSatisfy(r -> assertThat(r.getUrl().queryParameter("owner-id"))
        .isEqualTo(FakeCircleCi.orgIdOf("gh/example")));
  }

  @Test
  void projectOfAGitHubAppOrganisation_compactIdsAccepted() throws Exception {
    String slug = "circleci/E6i3yYZeWZhcf8UNqcKfjN/13c8F7nusayivoSxC6GMsw";

    flow.submitAndApprove(Flow.orgToken().with("pipeline", slug));

    flow.awaitState(RequestState.DONE);
    assertThat(circleci.projectVariables(slug)).containsKey("DOCKER_ACCESS_TOKEN");
  }
}

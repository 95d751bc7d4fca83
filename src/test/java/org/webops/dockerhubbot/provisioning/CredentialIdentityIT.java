package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * A credential is identified by its request, not by a name that two pipelines can share: the bot
 * touches only the tokens and CircleCI variables it recorded for the same request.
 */
class CredentialIdentityIT {
  static final String ORG_TOKENS = ProvisioningFailuresIT.ORG_TOKENS;

  @RegisterExtension final RunningBot running = new RunningBot();

  @Test
  void twoPipelinesWhoseSlugsDifferOnlyInPunctuation_eachKeepsItsOwnToken() throws Exception {
    // given: request 1 for gh/org-a/b is done, and a person made a token with the label the bot
    // used to give gh/org/a-b
    FakeDockerHub hub = running.bot().dockerhub();
    FakeDockerHub.OrgToken handMade = hub.addOrgToken("circleci-gh-org-a-b");
    Flow first = new Flow(running);
    first.submitAndApprove(Flow.orgToken().with("pipeline", "gh/org-a/b"));
    first.awaitState(RequestState.DONE);
    String firstToken = tokenIn("gh/org-a/b");

    // when: request 2 for gh/org/a-b is approved
    Flow second = new Flow(running);
    second.submitAndApprove(Flow.orgToken().with("pipeline", "gh/org/a-b"));
    second.awaitState(RequestState.DONE);

    // then: nothing was deleted, each pipeline holds its own live token
    assertThat(hub.count("DELETE", ORG_TOKENS + "/")).isZero();
    assertThat(hub.orgTokens()).allSatisfy(token -> assertThat(token.active()).isTrue())
        .extracting(FakeDockerHub.OrgToken::label).containsExactlyInAnyOrder(handMade.label(),
            "circleci-b-r" + first.id() + "-g1", "circleci-a-b-r" + second.id() + "-g1");
    assertThat(tokenIn("gh/org-a/b")).isEqualTo(firstToken);
    assertThat(hub.orgTokens()).extracting(FakeDockerHub.OrgToken::token)
        .contains(firstToken, tokenIn("gh/org/a-b"));
  }

  @Test
  void createAnsweredButNotRecorded_theTokenWithThisRequestsLabelIsReplaced_othersUntouched()
      throws Exception {
    // given: another request's token and one made by hand, both live
    FakeDockerHub hub = running.bot().dockerhub();
    Flow other = new Flow(running);
    other.submitAndApprove(Flow.orgToken().with("pipeline", "gh/example/other"));
    other.awaitState(RequestState.DONE);
    FakeDockerHub.OrgToken handMade = hub.addOrgToken("circleci-opg-refunds");
    // the create takes effect but its answer is lost, so the step never records the token's id
    hub.failNextAfterEffect("POST", ORG_TOKENS, 500);

    // when
    Flow flow = new Flow(running);
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);

    // then: the unrecorded token (found by this request's label) was deleted and replaced
    assertThat(hub.count("DELETE", ORG_TOKENS + "/")).isEqualTo(1);
    assertThat(hub.orgTokens()).extracting(FakeDockerHub.OrgToken::label)
        .containsExactlyInAnyOrder("circleci-other-r" + other.id() + "-g1", handMade.label(),
            "circleci-opg-refunds-r" + flow.id() + "-g2");
    flow.awaitThread("Deleted this request's earlier token `circleci-opg-refunds-r" + flow.id()
        + "-g1`");
  }

  @Test
  void projectVariablesSetByHand_runWaitsForAnApproversReplaceClick_thenOverwrites()
      throws Exception {
    // given: the project already has a DOCKER_ACCESS_TOKEN the bot did not write
    running.bot().circleci().putProjectVariable(Flow.PIPELINE, "DOCKER_ACCESS_TOKEN",
        "somebody-elses-token-1234");
    Flow flow = new Flow(running);

    // when
    flow.submitAndApprove(Flow.orgToken());

    // then: the run waits, names the variable, offers the button, and wrote nothing
    flow.awaitCard("*CircleCI variables written*: CircleCI already has `DOCKER_ACCESS_TOKEN`");
    assertThat(flow.lastCardJson()).contains("replace-variables-action");
    assertThat(running.bot().circleci().projectVariables(Flow.PIPELINE))
        .isEqualTo(Map.of("DOCKER_ACCESS_TOKEN", "somebody-elses-token-1234"));
    assertThat(flow.request().state()).isEqualTo(RequestState.IN_PROGRESS);

    // when: someone who is not an approver clicks, then an approver
    String refused = flow.click("U0OUTSIDER", "replace-variables-action");
    flow.click(Flow.APPROVER, "replace-variables-action");

    // then
    flow.awaitState(RequestState.DONE);
    assertThat(flow.responseTo(refused)).hasValueSatisfying(text ->
        assertThat(text).contains("Only webops approvers"));
    flow.assertOneOrgTokenEverywhere();
    flow.awaitThread("<@" + Flow.APPROVER + "> allowed replacing `DOCKER_ACCESS_TOKEN`");
  }

  private String tokenIn(String pipeline) {
    return running.bot().circleci().projectVariables(pipeline).get("DOCKER_ACCESS_TOKEN");
  }
}

package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Who may work a run, and what a link hands out: a requester who is also an approver is refused
 * on every control of their own request, as on Approve; a new sign-up link, and the final link,
 * void the earlier sign-up links, so only one copy of the password is ever claimable.
 */
class RunControlAuthorityIT {
  private static final Pattern LINK_ID = Pattern.compile("/s/([A-Za-z0-9_-]{22})#");

  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;

  @BeforeEach
  void setUp() {
    flow = new Flow(running); // the requester is a member of the approval channel too
  }

  @Test
  void requesterWhoIsAnApprover_everyControlOfTheirOwnServiceUserRun_refusedAndAudited()
      throws Exception {
    // given: a colleague approved the requester's request; it waits for the sign-up
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");

    // when: the requester clicks the sign-up buttons of their own request
    List<String> refused = List.of(
        flow.click(Flow.REQUESTER, "sign-up-again-action"),
        flow.click(Flow.REQUESTER, "signed-up-action"));

    // then: no password reaches them, nothing runs
    for (String reply : refused) {
      assertThat(Await.first(() -> flow.responseTo(reply), "the refusal")).contains(
          "You asked for request #" + flow.id() + " yourself, so another approver has to");
    }
    assertThat(flow.linksTo(Flow.REQUESTER)).isEmpty();
    assertThat(flow.bot().dockerhub().loginsOtherThan(TestBot.ADMIN_USER)).isZero();
    assertThat(flow.bot().audit().forRequest(flow.id()))
        .filteredOn(event -> event.action().equals("RUN_CONTROL_REFUSED"))
        .extracting(AuditEvent::detail).allMatch(detail -> detail.endsWith(": own request"))
        .hasSize(2);

    // and later, waiting for the invitation, "Check now"
    Drive.signUp(flow);
    flow.awaitCard("Invitation accepted, member of the team*: Waiting");
    String checkNow = flow.click(Flow.REQUESTER, "check-membership-action");
    assertThat(Await.first(() -> flow.responseTo(checkNow), "the refusal"))
        .contains("yourself, so another approver has to check the membership");
  }

  @Test
  void requesterWhoIsAnApprover_retryAndReplaceOnTheirOwnRequest_refused() throws Exception {
    // given: a run that waits for an approver to allow replacing a variable
    running.bot().circleci().putProjectVariable(Flow.PIPELINE, "DOCKER_USER", "someone-else");
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitCard("CircleCI already has `DOCKER_USER`");

    // when
    String replace = flow.click(Flow.REQUESTER, "replace-variables-action");

    // then
    assertThat(Await.first(() -> flow.responseTo(replace), "the refusal"))
        .contains("yourself, so another approver has to replace the existing CircleCI values");
    assertThat(running.bot().circleci().projectVariables(Flow.PIPELINE))
        .containsEntry("DOCKER_USER", "someone-else");

    // given: another request that failed
    running.bot().dockerhub().failNext("POST", ProvisioningFailuresIT.ORG_TOKENS, 403, 1);
    Flow failed = new Flow(running);
    failed.submitAndApprove(Flow.orgToken().with("pipeline", "gh/example/failing"));
    failed.awaitState(RequestState.FAILED);

    // when
    String retry = failed.click(Flow.REQUESTER, "retry-action");

    // then
    assertThat(Await.first(() -> failed.responseTo(retry), "the refusal"))
        .contains("yourself, so another approver has to retry");
    assertThat(failed.request().state()).isEqualTo(RequestState.FAILED);
  }

  @Test
  void signUpSentAgain_theEarlierLinkIsReplaced_andTheFinalLinkReplacesTheNewerOne()
      throws Exception {
    // given: the first sign-up link, never opened
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    String first = linkId(flow.linksTo(Flow.APPROVER).get(0));

    // when: another approver asks for the details again
    flow.click(Flow.OTHER_APPROVER, "sign-up-again-action");
    String secondText = signUpLinkTo(Flow.OTHER_APPROVER, 1);

    // then: only the newest is claimable; the first says it was replaced
    assertReplaced(first);
    assertThat(status("/s/" + linkId(secondText))).isEqualTo(200);

    // when: the second is opened, a third sent and left unopened, and the run finishes
    var details = OpenedLinks.open(running.bot().secretLinks(), secondText);
    flow.click(Flow.OTHER_APPROVER, "sign-up-again-action");
    String third = linkId(signUpLinkTo(Flow.OTHER_APPROVER, 2));
    assertThat(status("/s/" + third)).isEqualTo(200);
    String dockerId = OpenedLinks.field(details, "Docker ID");
    running.bot().dockerhub().signUp(dockerId, OpenedLinks.field(details, "Password"));
    flow.click(Flow.APPROVER, "signed-up-action");
    Drive.acceptInvitation(flow, dockerId);
    flow.awaitState(RequestState.DONE);

    // then: the final link (which carries the password too) replaced the unopened third
    assertReplaced(third);
    String last = linkId(Await.first(() -> flow.linksTo(Flow.APPROVER).stream()
        .filter(t -> t.contains("Credentials for")).findFirst(), "the final link"));
    assertThat(status("/s/" + last)).isEqualTo(200);
  }

  private String signUpLinkTo(String user, int index) {
    return Await.first(() -> flow.linksTo(user).stream()
        .filter(t -> t.contains("Sign-up for request #" + flow.id())).skip(index - 1L)
        .findFirst(), "sign-up link number " + index + " to " + user);
  }

  private void assertReplaced(String id) throws Exception {
    assertThat(status("/s/" + id)).isEqualTo(410);
    try (Response page = running.bot().get("/s/" + id)) {
      assertThat(page.body().string()).contains("replaced by a newer one");
    }
    try (Response claim = running.bot().post("/s/" + id + "/claim")) {
      assertThat(claim.code()).isEqualTo(410);
      assertThat(claim.body().string()).contains("replaced");
    }
  }

  private int status(String path) throws Exception {
    try (Response response = running.bot().get(path)) {
      return response.code();
    }
  }

  private static String linkId(String message) {
    Matcher id = LINK_ID.matcher(message);
    assertThat(id.find()).as("a link in " + message).isTrue();
    return id.group(1);
  }
}

package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.workflow.RequestState;

/** The service-user flow (the runbook's way) end to end, with its two human steps. */
class ServiceUserProvisioningIT {
  static final String DOCKER_ID = "opgrefunds";

  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;
  private FakeDockerHub hub;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
    hub = running.bot().dockerhub();
  }

  @Test
  void approve_serviceUser_signUpVerifyTokenVariablesInviteMembershipLinkDone() throws Exception {
    // given: approved; the approver gets the sign-up details and the card a button
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Account created and e-mail verified*: Waiting for <@" + Flow.APPROVER + ">");
    assertThat(flow.lastCardJson()).contains("signed-up-action");
    printCard("waiting for the sign-up");
    JsonNode signUp = flow.openLink("Sign-up for request #" + flow.id());
    String dockerId = OpenedLinks.field(signUp, "Docker ID");
    String password = OpenedLinks.field(signUp, "Password");
    assertThat(dockerId).isEqualTo(DOCKER_ID);
    assertThat(OpenedLinks.field(signUp, "E-mail address")).isEqualTo("webops+opgrefunds@example.org");
    assertThat(password).hasSizeGreaterThanOrEqualTo(24);
    flow.awaitToldRequester("to sign up its Docker ID");

    // when: the approver signs up and says so
    hub.signUp(dockerId, password);
    flow.click(Flow.APPROVER, "signed-up-action");

    // then: token, CircleCI and the invitation; the run waits for the invitation to be accepted
    flow.awaitCard("Invitation accepted, member of the team*: Waiting for `" + dockerId + "`");
    assertThat(flow.lastCardJson()).contains("check-membership-action");
    printCard("waiting for the invitation");
    assertThat(hub.personalTokens(dockerId)).singleElement().satisfies(token -> {
      assertThat(token.label()).isEqualTo("circleci-opg-refunds-r" + flow.id() + "-g1");
      assertThat(token.scopes()).containsExactly("repo:read");
    });
    String token = hub.personalTokens(dockerId).get(0).token();
    assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE))
        .isEqualTo(Map.of("DOCKER_USER", dockerId, "DOCKER_ACCESS_TOKEN", token));
    assertThat(hub.invites()).singleElement().satisfies(invite -> {
      assertThat(invite.invitee()).isEqualTo(dockerId);
      assertThat(invite.team()).isEqualTo(hub.team());
    });
    flow.awaitThread("Docker Hub mails the invitation to `webops+opgrefunds@example.org`");

    // when: the invitation is accepted and someone clicks Check now
    hub.acceptInvite(dockerId);
    flow.click(Flow.APPROVER, "check-membership-action");

    // then
    flow.awaitState(RequestState.DONE);
    assertThat(hub.teamMembers()).containsExactly(dockerId);
    JsonNode credentials = flow.openLink("Credentials for");
    assertThat(OpenedLinks.field(credentials, "Docker ID")).isEqualTo(dockerId);
    assertThat(OpenedLinks.field(credentials, "Password")).isEqualTo(password);
    assertThat(OpenedLinks.field(credentials, "E-mail alias")).isEqualTo("webops+opgrefunds@example.org");
    assertThat(OpenedLinks.field(credentials, "Access token")).isEqualTo(token);
    flow.awaitToldRequester("is done:");
    flow.awaitCard("Progress* — done");
    assertThat(flow.lastCard()).doesNotContain(":white_small_square:", ":double_vertical_bar:");
    assertThat(flow.lastCardJson()).doesNotContain("check-membership-action", "signed-up-action");
    assertThat(hub.personalTokens(dockerId)).hasSize(1);
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("SECRET_KEPT", "NUDGE", "DONE");
    printCard("done");
  }

  @Test
  void membership_acceptedWithoutAClick_theBotNoticesByPolling() throws Exception {
    // given: waiting for the invitation
    String dockerId = signedUp();
    flow.awaitCard("Invitation accepted, member of the team*: Waiting");
    int before = hub.count("GET", "/v2/orgs/" + hub.org() + "/groups/" + hub.team() + "/members");

    // when
    hub.acceptInvite(dockerId);

    // then: no click, the poll finds it
    flow.awaitState(RequestState.DONE);
    assertThat(hub.count("GET", "/v2/orgs/" + hub.org() + "/groups/" + hub.team() + "/members"))
        .isGreaterThan(before);
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .filteredOn("NUDGE"::equals).hasSize(1); // the sign-up click; no "Check now"
  }

  @Test
  void checkNow_beforeTheInvitationIsAccepted_saysNotYetAndKeepsWaiting() throws Exception {
    String dockerId = signedUp();
    flow.awaitCard("Invitation accepted, member of the team*: Waiting");

    String reply = flow.click(Flow.APPROVER, "check-membership-action");

    assertThat(Await.first(() -> flow.responseTo(reply), "the answer to Check now"))
        .contains("not accepted yet");
    assertThat(flow.request().state()).isEqualTo(RequestState.IN_PROGRESS);
    assertThat(hub.teamMembers()).doesNotContain(dockerId);
    assertThat(flow.lastCardJson()).contains("check-membership-action");
  }

  @Test
  void signUpClick_beforeTheAccountExists_explainsAndKeepsWaitingWithTheButton() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");

    flow.click(Flow.APPROVER, "signed-up-action");

    flow.awaitThread("Docker Hub refused the login as `" + DOCKER_ID + "`");
    assertThat(flow.request().state()).isEqualTo(RequestState.IN_PROGRESS);
    flow.awaitCard("Either no account");
    assertThat(flow.lastCardJson()).contains("signed-up-action");
    assertThat(hub.personalTokens(DOCKER_ID)).isEmpty();
  }

  @Test
  void signUpClick_wrongPassword_explainsAndKeepsWaiting() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    hub.signUp(DOCKER_ID, "not-the-generated-password-1234");

    flow.click(Flow.APPROVER, "signed-up-action");

    flow.awaitThread("its password is not the one from the sign-up link");
    assertThat(flow.lastCardJson()).contains("signed-up-action");
    assertThat(flow.request().state()).isEqualTo(RequestState.IN_PROGRESS);
  }

  @Test
  void signUpClick_unverifiedEmail_explainsThenGoesOnOnceVerified() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    JsonNode signUp = flow.openLink("Sign-up for request");
    hub.signUpUnverified(DOCKER_ID, OpenedLinks.field(signUp, "Password"));

    String first = flow.click(Flow.APPROVER, "signed-up-action");
    flow.awaitThread("is not verified yet");
    assertThat(Await.first(() -> flow.responseTo(first), "the clicker's answer"))
        .contains("did not accept the sign-up yet");
    assertThat(flow.lastCardJson()).contains("signed-up-action");

    hub.verifyEmail(DOCKER_ID);
    flow.click(Flow.APPROVER, "signed-up-action");
    flow.awaitCard("Invitation accepted, member of the team*: Waiting");
    assertThat(hub.personalTokens(DOCKER_ID)).hasSize(1);
  }

  @Test
  void signUpClick_twoFactorOn_explainsAndKeepsWaiting() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    JsonNode signUp = flow.openLink("Sign-up for request");
    hub.signUp(DOCKER_ID, OpenedLinks.field(signUp, "Password"));
    hub.enableTwoFactor(DOCKER_ID);

    flow.click(Flow.APPROVER, "signed-up-action");

    flow.awaitThread("two-factor authentication turned on");
    assertThat(flow.lastCardJson()).contains("signed-up-action");
    assertThat(hub.personalTokens(DOCKER_ID)).isEmpty();
  }

  @Test
  void signUpClick_byNonApprover_refusedAndNothingChecked() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");

    String reply = flow.click("U0OUTSIDER", "signed-up-action");

    String body = Await.first(() -> flow.responseTo(reply), "the refusal");
    assertThat(body).contains("Only webops approvers");
    assertThat(hub.loginsOtherThan(TestBot.ADMIN_USER)).isZero();
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("RUN_CONTROL_REFUSED");
  }

  @Test
  void sendSignUpAgain_byAnotherApprover_newLinkToThemWithTheSameDetails() throws Exception {
    // given: the first sign-up link was opened (and, say, closed too soon)
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    assertThat(flow.lastCardJson()).contains("sign-up-again-action");
    JsonNode first = flow.openLink("Sign-up for request #" + flow.id());

    // when
    flow.click(Flow.OTHER_APPROVER, "sign-up-again-action");

    // then: a new link, to the clicker, with the same Docker ID, address and password
    String text = Await.first(() -> flow.linksTo(Flow.OTHER_APPROVER).stream()
        .filter(t -> t.contains("Sign-up for request #" + flow.id())).findFirst(), "a new link");
    JsonNode again = OpenedLinks.open(flow.bot().secretLinks(), text);
    for (String field : List.of("Docker ID", "E-mail address", "Password")) {
      assertThat(OpenedLinks.field(again, field)).isEqualTo(OpenedLinks.field(first, field));
    }
    flow.awaitThread("Sent <@" + Flow.OTHER_APPROVER + "> the sign-up details again");
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .containsOnlyOnce("SIGN_UP_SENT_AGAIN");
    assertThat(flow.request().state()).isEqualTo(RequestState.IN_PROGRESS);
    assertThat(hub.loginsOtherThan(TestBot.ADMIN_USER)).isZero();

    // and the run goes on with those details
    hub.signUp(OpenedLinks.field(again, "Docker ID"), OpenedLinks.field(again, "Password"));
    flow.click(Flow.OTHER_APPROVER, "signed-up-action");
    flow.awaitCard("Invitation accepted, member of the team*: Waiting");
  }

  @Test
  void sendSignUpAgain_byNonApprover_refusedAndNoLink() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");

    String reply = flow.click("U0OUTSIDER", "sign-up-again-action");

    assertThat(Await.first(() -> flow.responseTo(reply), "the refusal"))
        .contains("Only webops approvers can get the sign-up details");
    assertThat(flow.linksTo("U0OUTSIDER")).isEmpty();
    assertThat(flow.linksTo(Flow.APPROVER)).hasSize(1);
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("RUN_CONTROL_REFUSED").doesNotContain("SIGN_UP_SENT_AGAIN");
  }

  @Test
  void sendSignUpAgain_afterTheSignUpWasChecked_saysSoAndSendsNothing() throws Exception {
    signedUp();
    flow.awaitCard("Invitation accepted, member of the team*: Waiting");

    String reply = flow.click(Flow.APPROVER, "sign-up-again-action");

    assertThat(Await.first(() -> flow.responseTo(reply), "the answer"))
        .contains("not waiting for the sign-up any more");
    assertThat(flow.linksTo(Flow.APPROVER)).hasSize(1);
    assertThat(flow.lastCardJson()).doesNotContain("sign-up-again-action");
  }

  @Test
  void docker_idTakenByAnEarlierRequest_getsASuffix() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    Flow second = new Flow(running);

    second.submitAndApprove(Flow.serviceUser().with("pipeline", "bb/other/opg-refunds"));

    second.awaitCard("Waiting for <@" + Flow.APPROVER + "> to sign up `opgrefunds2`");
    assertThat(List.of(OpenedLinks.field(second.openLink("Sign-up for request #" + second.id()),
        "Docker ID"))).containsExactly("opgrefunds2");
  }

  /** Up to the invitation: signed up, verified, token made. Returns the Docker ID. */
  String signedUp() throws Exception {
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
    JsonNode signUp = flow.openLink("Sign-up for request #" + flow.id());
    String dockerId = OpenedLinks.field(signUp, "Docker ID");
    hub.signUp(dockerId, OpenedLinks.field(signUp, "Password"));
    flow.click(Flow.APPROVER, "signed-up-action");
    return dockerId;
  }

  private void printCard(String stage) {
    System.out.println("Card " + stage + ":\n" + flow.lastCard() + "\n");
  }
}

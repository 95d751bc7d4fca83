package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Revocation end to end: everything the bot made for the request is deleted, the pipeline is
 * free, the card and the requester are told; a request that failed half-way is cleaned up too.
 */
class RevocationIT {
  @RegisterExtension final RunningBot running = new RunningBot();
  private Flow flow;
  private FakeDockerHub hub;

  @BeforeEach
  void setUp() {
    flow = new Flow(running);
    hub = running.bot().dockerhub();
  }

  @Test
  void revoke_orgToken_tokenAndVariablesGoneCardToldPipelineFree() throws Exception {
    // given
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    String token = hub.orgTokens().get(0).token();

    // when
    flow.revoke(Flow.APPROVER, "the repository was archived");

    // then
    flow.awaitState(RequestState.REVOKED);
    assertThat(hub.orgTokens()).isEmpty();
    assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE)).isEmpty();
    flow.awaitThread("Revoked: everything the bot made for `" + Flow.PIPELINE + "` is deleted.");
    flow.awaitToldRequester("was revoked by <@" + Flow.APPROVER + ">: the repository was archived");
    flow.awaitCard("*Revocation* — done");
    assertThat(flow.lastCardJson()).doesNotContain("rotate-action", "revoke-action");
    assertThat(flow.bot().requests().findLive(Flow.PIPELINE, Optional.empty())).isEmpty();
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("REVOKE", "REVOKED");
    assertThat(flow.thread()).noneMatch(text -> text.contains(token));
    System.out.println("Thread after a revocation:\n" + String.join("\n", flow.thread()));
    System.out.println("Card after a revocation:\n" + flow.lastCard());

    // and: the pipeline can be asked for again
    flow.submit(Flow.orgToken());
    assertThat(flow.request().state()).isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void revoke_serviceUser_tokenMembershipVariablesAndKeptPasswordGoneWithDeactivationSteps()
      throws Exception {
    String dockerId = flow.serviceUserDone();
    assertThat(keptSecrets(flow.id())).isEqualTo(1);

    flow.revoke(Flow.APPROVER, "service retired");

    flow.awaitState(RequestState.REVOKED);
    assertThat(hub.personalTokens(dockerId)).isEmpty();
    assertThat(hub.teamMembers()).doesNotContain(dockerId);
    assertThat(hub.orgMembers()).doesNotContain(dockerId);
    assertThat(flow.bot().circleci().projectVariables(Flow.PIPELINE)).isEmpty();
    assertThat(keptSecrets(flow.id())).isZero();
    flow.awaitThread("Docker Hub has no API to delete an account. To deactivate `" + dockerId
        + "`");
    assertThat(flow.thread()).anyMatch(text -> text.contains(
        "https://docs.docker.com/accounts/deactivate-user-account/"));
  }

  @Test
  void revoke_failedRequest_cleansUpTheTokenItsRunHadMade() throws Exception {
    // given: the token is made, then CircleCI refuses the write for good
    flow.bot().circleci().failNext("POST", ".*/envvar", 403, 10);
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.FAILED);
    assertThat(hub.orgTokens()).hasSize(1);

    // when
    flow.revoke(Flow.APPROVER, "giving up on this one");

    // then
    flow.awaitState(RequestState.REVOKED);
    assertThat(hub.orgTokens()).isEmpty();
    assertThat(flow.bot().requests().findLive(Flow.PIPELINE, Optional.empty())).isEmpty();
  }

  @Test
  void revoke_serviceUserWaitingForTheSignUp_endsTheRunAndItsSignUpLink() throws Exception {
    // given: approved, the approver has the sign-up link but nobody signed up
    flow.submitAndApprove(Flow.serviceUser());
    flow.awaitCard("Account created and e-mail verified*: Waiting for <@" + Flow.APPROVER + ">");
    String signUp = Await.first(() -> flow.linksTo(Flow.APPROVER).stream()
        .filter(t -> t.contains("Sign-up for request #" + flow.id())).findFirst(), "sign-up link");

    // when
    flow.revoke(Flow.APPROVER, "not needed after all");

    // then
    flow.awaitState(RequestState.REVOKED);
    assertThat(OpenedLinks.tryOpen(flow.bot().secretLinks(), signUp)).isEmpty();
    assertThat(keptSecrets(flow.id())).isZero();
    assertThat(hub.invites()).isEmpty();
    flow.awaitThread("unclaimed one-time link of this request can no longer be opened");
    assertThat(flow.bot().requests().findLive(Flow.PIPELINE, Optional.empty())).isEmpty();
  }

  @Test
  void revoke_byTheRequester_refusedNothingDeleted() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);

    flow.revoke(Flow.REQUESTER, "mine, so I may?");

    flow.awaitDirect(Flow.REQUESTER, "another approver has to revoke it");
    assertThat(flow.request().state()).isEqualTo(RequestState.DONE);
    assertThat(hub.orgTokens()).hasSize(1);
    assertThat(flow.bot().audit().forRequest(flow.id())).extracting(AuditEvent::action)
        .contains("REVOKE_REFUSED");
  }

  @Test
  void revoke_withoutAReason_theModalFieldSaysSo() throws Exception {
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);

    String answer = flow.revoke(Flow.APPROVER, "  ");

    assertThat(answer).contains("\"response_action\":\"errors\"", "revoke-reason-block");
    assertThat(flow.request().state()).isEqualTo(RequestState.DONE);
  }

  private long keptSecrets(long requestId) throws Exception {
    try (Connection c = flow.bot().requestsDataSource().getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT COUNT(*) FROM kept_secrets WHERE request_id = ?")) {
      s.setLong(1, requestId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}

package org.webops.dockerhubbot.slack.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.slack.blocks.AppHomeView;
import org.webops.dockerhubbot.workflow.Approvers;
import org.webops.dockerhubbot.workflow.ApproversUnavailableException;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;

class RequestQueriesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");
  private final RequestRepository requests = mock(RequestRepository.class);
  private final Approvers approvers = mock(Approvers.class);
  private final RequestQueries queries = new RequestQueries(requests, mock(RunStore.class),
      mock(CredentialStore.class), mock(AuditLog.class), approvers,
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void home_approversUnavailable_ownRequestsOnlyAndWhy() {
    // given
    ProvisioningRequest mine = pending(1, "U1");
    when(requests.mineOrPending("U1", 15)).thenReturn(List.of(pending(2, "U2"), mine));
    when(approvers.isApprover("U1")).thenThrow(
        new ApproversUnavailableException("Slack did not answer"));

    // when
    AppHomeView.Content home = queries.home("U1");

    // then
    assertThat(home.mine()).containsExactly(mine);
    assertThat(home.approver()).isEmpty();
    assertThat(home.approverUnknown()).contains("Slack did not answer");
    verify(requests, never()).expiringBefore(any(), anyInt());
  }

  @Test
  void home_approver_othersPendingToDecideAndExpiringWithinFourteenDays() {
    // given
    ProvisioningRequest own = pending(1, "U1");
    ProvisioningRequest other = pending(2, "U2");
    when(requests.mineOrPending("U1", 15)).thenReturn(List.of(other, own));
    when(approvers.isApprover("U1")).thenReturn(true);
    when(requests.expiringBefore(NOW.plus(AppHomeView.EXPIRING_WITHIN), 15)).thenReturn(List.of());

    // when
    AppHomeView.Content home = queries.home("U1");

    // then
    assertThat(home.mine()).containsExactly(own);
    assertThat(home.approver().orElseThrow().toDecide()).as("never their own")
        .containsExactly(other);
  }

  @Test
  void status_noPipelineOrNoLiveRequest_saysWhatToDo() {
    when(requests.findLive("gh/a/<b>", Optional.empty())).thenReturn(Optional.empty());

    assertThat(queries.status(Optional.empty()).getText()).startsWith("Which pipeline?");
    assertThat(queries.status(Optional.of("gh/a/<b>")).getText())
        .isEqualTo("No live request for `gh/a/&lt;b&gt;`. `/dockerhub-user new gh/a/&lt;b&gt;`"
            + " makes one.");
  }

  private static ProvisioningRequest pending(long id, String requester) {
    return new ProvisioningRequest(id, requester, Optional.empty(), new RequestSpec(
        "gh/example/app-" + id, CredentialKind.ORG_TOKEN, TokenScope.READ_ONLY,
        List.of("*/*/public"), Optional.empty(), "DOCKER_USER", "DOCKER_ACCESS_TOKEN", 90, "test"),
        false, RequestState.PENDING_APPROVAL, Optional.empty(), Optional.empty(), NOW,
        Optional.empty());
  }
}

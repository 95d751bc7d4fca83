package org.webops.dockerhubbot.slack.commands;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.slack.blocks.AppHomeView;
import org.webops.dockerhubbot.slack.blocks.CredentialList;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.slack.blocks.StatusView;
import org.webops.dockerhubbot.workflow.Approvers;
import org.webops.dockerhubbot.workflow.ApproversUnavailableException;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * What people see: {@code list} and {@code status} (answered in the ack, from the database
 * alone) and the App Home tab (published after the ack; the approver check uses the cached
 * approvers).
 */
public final class RequestQueries {
  private static final Logger log = LoggerFactory.getLogger(RequestQueries.class);
  private static final int HOME_LIMIT = 15;
  private static final int LIST_LIMIT = 20;

  private final RequestRepository requests;
  private final RunStore runs;
  private final CredentialStore credentials;
  private final AuditLog audit;
  private final Approvers approvers;
  private final Clock clock;

  public RequestQueries(RequestRepository requests, RunStore runs, CredentialStore credentials,
      AuditLog audit, Approvers approvers, Clock clock) {
    this.requests = requests;
    this.runs = runs;
    this.credentials = credentials;
    this.audit = audit;
    this.approvers = approvers;
    this.clock = clock;
  }

  /** Live credentials by soonest expiry, then requests in flight: two reads. */
  public SlashCommandResponse list() {
    List<RequestRepository.Credential> live = requests.credentials(LIST_LIMIT + 1);
    List<ProvisioningRequest> inFlight = requests.inStates(RequestState.IN_FLIGHT,
        LIST_LIMIT + 1);
    CredentialList.Facts facts = new CredentialList.Facts(
        live.subList(0, Math.min(LIST_LIMIT, live.size())), live.size() > LIST_LIMIT,
        inFlight.subList(0, Math.min(LIST_LIMIT, inFlight.size())),
        inFlight.size() > LIST_LIMIT);
    return reply(CredentialList.fallbackText(facts), CredentialList.build(facts));
  }

  /** Everything about the pipeline's live request, with the newest lines of its audit trail. */
  public SlashCommandResponse status(Optional<String> pipeline) {
    if (pipeline.isEmpty()) {
      return text("Which pipeline? Use `/dockerhub-user status gh/my-org/my-repo`.");
    }
    Optional<ProvisioningRequest> found = requests.findLive(pipeline.get(), Optional.empty());
    if (found.isEmpty()) {
      return text("No live request for " + SlackText.code(pipeline.get())
          + ". `/dockerhub-user new " + SlackText.escape(pipeline.get()) + "` makes one.");
    }
    StatusView.Facts facts = facts(found.get());
    return reply(StatusView.fallbackText(facts), StatusView.build(facts));
  }

  private StatusView.Facts facts(ProvisioningRequest request) {
    long id = request.id();
    List<String> live = credentials.tokens(id).stream()
        .filter(token -> token.state() == CredentialStore.TokenState.LIVE)
        .map(CredentialStore.TokenRecord::label).toList();
    Optional<String> dockerId = request.spec().kind() == CredentialKind.SERVICE_USER
        ? credentials.dockerIdOf(id) : Optional.empty();
    return new StatusView.Facts(request, requests.times(id), live, credentials.variables(id),
        dockerId, audit.recent(id, StatusView.AUDIT_LINES), runs.ofRequest(id));
  }

  /** The viewer's requests; for an approver also what waits for them and what expires soon. */
  public AppHomeView.Content home(String user) {
    List<ProvisioningRequest> both = requests.mineOrPending(user, HOME_LIMIT);
    List<ProvisioningRequest> mine = both.stream()
        .filter(request -> request.requester().equals(user)).toList();
    Optional<String> unknown = Optional.empty();
    boolean approver = false;
    try {
      approver = approvers.isApprover(user);
    } catch (ApproversUnavailableException e) {
      unknown = Optional.of(e.getMessage());
    } catch (RuntimeException e) {
      log.warn("Could not check whether {} is an approver: {}", user, e.getMessage());
      unknown = Optional.of("I could not check the approver group with Slack just now.");
    }
    if (!approver) {
      return new AppHomeView.Content(mine, Optional.empty(), unknown);
    }
    List<ProvisioningRequest> toDecide = both.stream()
        .filter(request -> request.state() == RequestState.PENDING_APPROVAL
            && !request.requester().equals(user)).toList();
    return new AppHomeView.Content(mine, Optional.of(new AppHomeView.ForApprover(toDecide,
        requests.expiringBefore(clock.instant().plus(AppHomeView.EXPIRING_WITHIN),
            HOME_LIMIT))), Optional.empty());
  }

  private static SlashCommandResponse reply(String text,
      List<com.slack.api.model.block.LayoutBlock> blocks) {
    return SlashCommandResponse.builder().responseType("ephemeral").text(text).blocks(blocks)
        .build();
  }

  private static SlashCommandResponse text(String text) {
    return SlashCommandResponse.builder().responseType("ephemeral").text(text).build();
  }
}

package org.webops.dockerhubbot.slack;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.slack.blocks.ApprovalCard;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Tells Slack about a request's life after the ack: posts the card, rewrites it after the
 * decision and as its steps run, and tells the requester of the decision.
 */
public final class RequestAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(RequestAnnouncer.class);

  private final SlackMessenger messenger;
  private final RequestRepository requests;
  private final RunStore runs;
  private final String approvalChannel;
  private final ApprovalCard.Setting cardSetting;
  private final Clock clock;

  public RequestAnnouncer(SlackMessenger messenger, RequestRepository requests,
      RunStore runs, String approvalChannel, ApprovalCard.Setting cardSetting,
      Clock clock) {
    this.messenger = messenger;
    this.requests = requests;
    this.runs = runs;
    this.approvalChannel = approvalChannel;
    this.cardSetting = cardSetting;
    this.clock = clock;
  }

  /** Posts the card of a request just created here (its creator holds the card lease). */
  public void created(ProvisioningRequest request) {
    try {
      postCard(request);
    } catch (RuntimeException e) {
      requests.releaseCardLease(request.id());
      throw e;
    }
  }

  /**
   * Repairs what a crash, a deploy or a Slack failure left behind: posts missing cards, each under
   * a fresh lease so that two instances never post the same card, and rewrites cards that show an
   * older state than their request (rewriting twice is harmless). Runs at start-up and every
   * minute.
   */
  public void repairCards() {
    Instant now = clock.instant();
    for (ProvisioningRequest request : requests.withoutCard(now, 20)) {
      if (!requests.leaseCard(request.id(), now, now.plus(RequestRepository.CARD_LEASE))) {
        continue;
      }
      try {
        created(request);
      } catch (RuntimeException e) {
        log.warn("Posting the card of request #{} failed again: {}", request.id(), e.getMessage());
      }
    }
    for (ProvisioningRequest request : requests.withStaleCard(20)) {
      refreshCard(request);
    }
  }

  private void postCard(ProvisioningRequest request) {
    MessageRef card = messenger.post(approvalChannel, ApprovalCard.fallbackText(request),
        ApprovalCard.build(request, cardSetting));
    requests.attachCard(request.id(), card, request.state());
    messenger.tell(request.requester(), request.originChannel(),
        "Your request #" + request.id() + " for " + SlackText.code(request.spec().pipeline())
            + " waits for approval by webops in " + SlackText.channel(approvalChannel)
            + ". I'll tell you here when it is decided.");
  }

  /**
   * Rewrites the card and tells the requester. A card that cannot be rewritten now stops neither
   * the notice nor provisioning: the sweep rewrites it later.
   */
  public void decided(ProvisioningRequest request) {
    refreshCard(request);
    String by = SlackText.user(request.decision().orElseThrow().by());
    String what = "Your request #" + request.id() + " for "
        + SlackText.code(request.spec().pipeline());
    if (request.state() == RequestState.REJECTED) {
      messenger.tell(request.requester(), request.originChannel(), what + " was rejected by " + by
          + ": " + SlackText.escape(request.decision().get().note().orElse("")));
      return;
    }
    messenger.tell(request.requester(), request.originChannel(), what + " was approved by " + by
        + ". Provisioning starts now; you will get the CircleCI settings when it is done.");
  }

  /** Rewrites the card from the request and its steps as they are now. */
  public void refreshCard(long requestId) {
    requests.find(requestId).ifPresent(this::refreshCard);
  }

  private void refreshCard(ProvisioningRequest request) {
    if (request.card().isEmpty()) {
      log.warn("Request #{} has no card to rewrite yet", request.id());
      return;
    }
    RunStore.Snapshot run = runs.snapshot(request.id());
    try {
      messenger.update(request.card().get(), ApprovalCard.fallbackText(request),
          ApprovalCard.build(request, run.steps(), cardSetting));
      runs.cardShows(request.id(), request.state(), run.progress());
    } catch (RuntimeException e) {
      log.warn("Rewriting the card of request #{} failed; the sweep tries again: {}",
          request.id(), e.getMessage());
    }
  }
}

package org.webops.dockerhubbot.slack;

import com.slack.api.model.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.slack.blocks.ApprovalCard;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.CardStore;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Tells Slack about a request's life after the ack: posts the card, rewrites it after the
 * decision and as its steps run. What the requester is told travels in the outbox, committed with
 * the state change that causes it; this class only nudges its delivery.
 */
public final class RequestAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(RequestAnnouncer.class);
  static final String REQUEST_ID = "request_id";
  /** How far before its request's time a card may have been posted (clocks differ a little). */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(2);

  private final SlackMessenger messenger;
  private final RequestRepository requests;
  private final CardStore cards;
  private final RunStore runs;
  private final String approvalChannel;
  private final ApprovalCard.Setting cardSetting;
  private final Clock clock;

  public RequestAnnouncer(SlackMessenger messenger, RequestRepository requests, CardStore cards,
      RunStore runs, String approvalChannel, ApprovalCard.Setting cardSetting, Clock clock) {
    this.messenger = messenger;
    this.requests = requests;
    this.cards = cards;
    this.runs = runs;
    this.approvalChannel = approvalChannel;
    this.cardSetting = cardSetting;
    this.clock = clock;
  }

  /** Posts the card of a request just created here (its creator holds the card lease). */
  public void created(ProvisioningRequest request) {
    post(request, false);
  }

  /**
   * Posts the card, unless {@code mayBePosted} and Slack has it already (a crash between the post
   * and its record): the card carries its request id as metadata, so it is found and adopted.
   */
  private void post(ProvisioningRequest request, boolean mayBePosted) {
    try {
      Message.Metadata marker = SlackMessenger.marker(SlackMessenger.CARD_EVENT, REQUEST_ID,
          Long.toString(request.id()));
      Optional<MessageRef> posted = mayBePosted
          ? messenger.findPosted(approvalChannel, request.createdAt().minus(CLOCK_SLACK), marker)
          : Optional.empty();
      if (posted.isPresent()) {
        log.info("The card of request #{} was posted before; adopting it", request.id());
        cards.attachCard(request.id(), posted.get(), RequestState.PENDING_APPROVAL);
      } else {
        MessageRef card = messenger.post(approvalChannel, ApprovalCard.fallbackText(request),
            ApprovalCard.build(request, cardSetting), marker);
        cards.attachCard(request.id(), card, request.state());
      }
    } catch (RuntimeException e) {
      cards.releaseCardLease(request.id());
      throw e;
    }
    tellWaiting(request);
  }

  /**
   * A direct message, outside the outbox: it is not worth a second write on the form's path, and
   * after a crash the sweep that adopts or posts the card sends it (once more at most).
   */
  private void tellWaiting(ProvisioningRequest request) {
    try {
      messenger.direct(request.requester(), "Your request #" + request.id() + " for "
          + SlackText.code(request.spec().pipeline()) + " waits for approval by webops in "
          + SlackText.channel(approvalChannel) + ". I'll tell you here when it is decided.",
          null);
    } catch (RuntimeException e) {
      log.warn("Telling the requester of request #{} that it waits failed: {}", request.id(),
          e.getMessage());
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
    for (ProvisioningRequest request : cards.withoutCard(now, 20)) {
      if (!cards.leaseCard(request.id(), now, now.plus(CardStore.CARD_LEASE))) {
        continue;
      }
      try (LogContext.Scope scope = LogContext.request(request.id())) {
        try {
          post(request, true);
        } catch (RuntimeException e) {
          log.warn("Posting the card of request #{} failed again: {}", request.id(),
              e.getMessage());
        }
      }
    }
    for (ProvisioningRequest request : cards.withStaleCard(20)) {
      try (LogContext.Scope scope = LogContext.request(request.id())) {
        refreshCard(request);
      }
    }
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
    RunStore.Snapshot run = runs.ofRequest(request.id());
    try {
      messenger.update(request.card().get(), ApprovalCard.fallbackText(request),
          ApprovalCard.build(request, run, requests.times(request.id()), cardSetting));
      cards.cardShows(request.id(), request.state(), run.progress());
    } catch (RuntimeException e) {
      log.warn("Rewriting the card of request #{} failed; the sweep tries again: {}",
          request.id(), e.getMessage());
    }
  }
}

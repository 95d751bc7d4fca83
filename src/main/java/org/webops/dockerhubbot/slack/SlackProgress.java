package org.webops.dockerhubbot.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.provisioning.Progress;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;

/**
 * A run's progress in Slack: the card (coalesced rewrites), replies in its thread, and notices to
 * the requester. A Slack failure here never stops a run; the card sweep catches up later.
 */
public final class SlackProgress implements Progress {
  private static final Logger log = LoggerFactory.getLogger(SlackProgress.class);

  private final CardUpdates cards;
  private final SlackMessenger messenger;
  private final RequestRepository requests;

  public SlackProgress(CardUpdates cards, SlackMessenger messenger, RequestRepository requests) {
    this.cards = cards;
    this.messenger = messenger;
    this.requests = requests;
  }

  @Override
  public void changed(long requestId) {
    cards.changed(requestId);
  }

  @Override
  public void thread(ProvisioningRequest request, String text) {
    var card = request.card().or(() -> requests.find(request.id()).flatMap(ProvisioningRequest::card));
    if (card.isEmpty()) {
      log.warn("Request #{} has no card to reply under", request.id());
      return;
    }
    try {
      messenger.reply(card.get(), text);
    } catch (RuntimeException e) {
      log.warn("Replying in the thread of request #{} failed: {}", request.id(), e.getMessage());
    }
  }

  @Override
  public void tellRequester(ProvisioningRequest request, String text) {
    try {
      messenger.tell(request.requester(), request.originChannel(), text);
    } catch (RuntimeException e) {
      log.warn("Telling the requester of request #{} failed: {}", request.id(), e.getMessage());
    }
  }
}

package org.webops.dockerhubbot.slack;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.provisioning.Progress;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;

/**
 * A run's progress in Slack: the card (coalesced rewrites), replies in its thread, and notices to
 * the requester. Replies and notices go out in order on one outbox thread, off the run's path, so
 * a run waits only for the API calls it needs. A Slack failure here never stops a run; the card
 * sweep catches up later.
 */
public final class SlackProgress implements Progress {
  private static final Logger log = LoggerFactory.getLogger(SlackProgress.class);

  private final CardUpdates cards;
  private final SlackMessenger messenger;
  private final RequestRepository requests;
  private final Executor outbox;

  /** @param outbox runs one task at a time, so that replies keep their order */
  public SlackProgress(CardUpdates cards, SlackMessenger messenger, RequestRepository requests,
      Executor outbox) {
    this.cards = cards;
    this.messenger = messenger;
    this.requests = requests;
    this.outbox = outbox;
  }

  @Override
  public void changed(long requestId) {
    cards.changed(requestId);
  }

  @Override
  public void thread(ProvisioningRequest request, String text) {
    send(request, () -> reply(request, text));
  }

  private void reply(ProvisioningRequest request, String text) {
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
    send(request, () -> tell(request, text));
  }

  private void send(ProvisioningRequest request, Runnable message) {
    try {
      outbox.execute(message);
    } catch (RejectedExecutionException stopping) {
      log.info("Not sending a message about request #{}: the bot is stopping", request.id());
    }
  }

  private void tell(ProvisioningRequest request, String text) {
    try {
      messenger.tell(request.requester(), request.originChannel(), text);
    } catch (RuntimeException e) {
      log.warn("Telling the requester of request #{} failed: {}", request.id(), e.getMessage());
    }
  }
}

package org.webops.dockerhubbot.slack;

import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.slack.blocks.NoticeBlocks;
import org.webops.dockerhubbot.notices.NoticeSender;
import org.webops.dockerhubbot.notices.PendingNotice;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;

/**
 * Delivers outbox notices to Slack: thread replies under the request's card, and direct messages
 * to the requester. Each message carries its notice id as metadata; a thread reply whose earlier
 * delivery may have reached Slack is looked for first, so a crash between the send and its record
 * does not post it twice. (Slack has no idempotency key; a direct message may come twice in that
 * window.)
 */
public final class SlackNoticeSender implements NoticeSender {
  private static final Logger log = LoggerFactory.getLogger(SlackNoticeSender.class);
  static final String NOTICE_ID = "notice_id";

  private final SlackMessenger messenger;
  private final RequestRepository requests;

  public SlackNoticeSender(SlackMessenger messenger, RequestRepository requests) {
    this.messenger = messenger;
    this.requests = requests;
  }

  @Override
  public Result send(PendingNotice pending) {
    Notice notice = pending.notice();
    Optional<ProvisioningRequest> request = requests.find(notice.requestId());
    if (request.isEmpty()) {
      log.warn("Notice {} is about request #{}, which does not exist; dropped", pending.id(),
          notice.requestId());
      return Result.DELIVERED;
    }
    Message.Metadata marker = SlackMessenger.marker(SlackMessenger.NOTICE_EVENT, NOTICE_ID,
        Long.toString(pending.id()));
    String text = NoticeTexts.of(notice.event(), notice.audience(), request.get());
    List<LayoutBlock> blocks = NoticeBlocks.of(notice.event(), text, request.get()).orElse(null);
    if (notice.audience() == Notice.Audience.REQUESTER) {
      messenger.direct(request.get().requester(), text, blocks, marker);
      return Result.DELIVERED;
    }
    Optional<MessageRef> card = request.get().card();
    if (card.isEmpty()) {
      return Result.RETRY; // the card is posted first; its sweep does that
    }
    if (pending.triedBefore() && messenger.threadHas(card.get(), marker)) {
      log.info("Notice {} of request #{} was already in its thread", pending.id(),
          notice.requestId());
      return Result.DELIVERED;
    }
    messenger.reply(card.get(), text, blocks, marker);
    return Result.DELIVERED;
  }
}

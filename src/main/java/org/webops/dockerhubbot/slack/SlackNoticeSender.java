package org.webops.dockerhubbot.slack;

import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.drift.DriftReported;
import org.webops.dockerhubbot.health.CredentialHealthChanged;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.slack.blocks.DriftBlocks;
import org.webops.dockerhubbot.slack.blocks.DriftTexts;
import org.webops.dockerhubbot.slack.blocks.NoticeBlocks;
import org.webops.dockerhubbot.notices.NoticeEvent;
import org.webops.dockerhubbot.notices.NoticeSender;
import org.webops.dockerhubbot.notices.PendingNotice;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;

/**
 * Delivers outbox notices to Slack: thread replies under the request's card, direct messages
 * to the requester, and messages of their own in the approval channel (a drift report, a
 * credential that fails or works again). Each message carries its notice id as metadata; a thread
 * reply whose earlier delivery may have reached Slack is looked for first, so a crash between the send and its record
 * does not post it twice. (Slack has no idempotency key; a direct message may come twice in that
 * window.)
 */
public final class SlackNoticeSender implements NoticeSender {
  private static final Logger log = LoggerFactory.getLogger(SlackNoticeSender.class);
  static final String NOTICE_ID = "notice_id";
  /** How far back the approval channel is searched for a message that may have been posted. */
  private static final java.time.Duration LOOK_BACK = java.time.Duration.ofDays(1);

  private final SlackMessenger messenger;
  private final RequestRepository requests;
  private final String approvalChannel;

  public SlackNoticeSender(SlackMessenger messenger, RequestRepository requests,
      String approvalChannel) {
    this.messenger = messenger;
    this.requests = requests;
    this.approvalChannel = approvalChannel;
  }

  @Override
  public Result send(PendingNotice pending) {
    Notice notice = pending.notice();
    if (notice.audience() == Notice.Audience.CHANNEL) {
      return toChannel(pending);
    }
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

  /** A message of its own in the approval channel, looked for first if it may be there. */
  private Result toChannel(PendingNotice pending) {
    NoticeEvent event = pending.notice().event();
    if (!(event instanceof DriftReported) && !(event instanceof CredentialHealthChanged)) {
      log.warn("Notice {} for the approval channel is a {}, which has no words; dropped",
          pending.id(), pending.notice().event().getClass().getSimpleName());
      return Result.DELIVERED;
    }
    Message.Metadata marker = SlackMessenger.marker(SlackMessenger.NOTICE_EVENT, NOTICE_ID,
        Long.toString(pending.id()));
    if (pending.triedBefore() && messenger.findPosted(approvalChannel,
        java.time.Instant.now().minus(LOOK_BACK), marker).isPresent()) {
      log.info("Notice {} was already in the approval channel", pending.id());
      return Result.DELIVERED;
    }
    if (event instanceof DriftReported report) {
      messenger.post(approvalChannel, DriftTexts.report(report), DriftBlocks.of(report), marker);
    } else {
      messenger.post(approvalChannel, NoticeTexts.credentialHealth((CredentialHealthChanged) event),
          null, marker);
    }
    return Result.DELIVERED;
  }
}

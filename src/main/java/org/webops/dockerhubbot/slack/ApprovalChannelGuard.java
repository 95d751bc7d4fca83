package org.webops.dockerhubbot.slack;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps channel members from approving unless the approval channel is private: a public one stops
 * start-up; when Slack cannot be asked, nobody approves until it has answered, and it is asked
 * again every minute. Once confirmed, it is asked every ten minutes, in case someone makes the
 * channel public.
 */
public final class ApprovalChannelGuard {
  private static final Logger log = LoggerFactory.getLogger(ApprovalChannelGuard.class);
  private static final Duration CONFIRMED_RECHECK = Duration.ofMinutes(10);

  private final ApprovalChannelCheck check;
  private final SlackApprovers approvers;
  private volatile long confirmedAtNanos;
  private volatile boolean confirmed;

  public ApprovalChannelGuard(ApprovalChannelCheck check, SlackApprovers approvers) {
    this.check = check;
    this.approvers = approvers;
  }

  /** The bot must not start with this approval channel; the message says what to change. */
  public static final class UnsafeChannelException extends RuntimeException {
    UnsafeChannelException(String message) {
      super(message);
    }
  }

  /**
   * @throws UnsafeChannelException when the channel is public, or Slack refuses to say (wrong id,
   *     bot not invited)
   */
  public void atStartUp() {
    ApprovalChannelCheck.Result result = check.check();
    if (result instanceof ApprovalChannelCheck.Result.Public) {
      throw new UnsafeChannelException(publicChannel());
    }
    if (result instanceof ApprovalChannelCheck.Result.Refused refused) {
      throw new UnsafeChannelException(refused(refused.error()));
    }
    apply(result);
  }

  /** The periodic look: every minute until confirmed, then every ten minutes. */
  public void recheck() {
    if (confirmed && System.nanoTime() - confirmedAtNanos < CONFIRMED_RECHECK.toNanos()) {
      return;
    }
    apply(check.check());
  }

  private void apply(ApprovalChannelCheck.Result result) {
    if (result instanceof ApprovalChannelCheck.Result.Private) {
      if (!confirmed) {
        log.info("Slack confirmed the approval channel {} is private: its members approve",
            check.channel());
      }
      confirmed = true;
      confirmedAtNanos = System.nanoTime();
      approvers.channelConfirmed();
    } else if (result instanceof ApprovalChannelCheck.Result.Public) {
      close(publicChannel());
    } else if (result instanceof ApprovalChannelCheck.Result.Refused refused) {
      close(refused(refused.error()));
    } else if (!confirmed) {
      close("Slack did not answer whether the approval channel is private ("
          + ((ApprovalChannelCheck.Result.Unanswered) result).why()
          + "); asking again every minute");
    }
  }

  private void close(String why) {
    confirmed = false;
    log.error("Approvals are paused: {}", why);
    approvers.channelUnconfirmed(why);
  }

  private String publicChannel() {
    return "SLACK_APPROVAL_CHANNEL " + check.channel() + " is a public channel and"
        + " SLACK_APPROVER_GROUP is not set: anyone in the workspace could join it and approve."
        + " Set SLACK_APPROVER_GROUP to the approvers' user group, or make the channel private.";
  }

  private String refused(String error) {
    return "Slack would not say whether SLACK_APPROVAL_CHANNEL " + check.channel() + " is"
        + " private (" + error + "): check the channel id and invite the bot to it, or set"
        + " SLACK_APPROVER_GROUP.";
  }
}

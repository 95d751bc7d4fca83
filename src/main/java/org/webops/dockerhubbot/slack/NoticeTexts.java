package org.webops.dockerhubbot.slack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.webops.dockerhubbot.health.Credential;
import org.webops.dockerhubbot.health.CredentialHealthChanged;
import org.webops.dockerhubbot.lifecycle.LifecycleEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.NoticeEvent;
import org.webops.dockerhubbot.notices.Prewritten;
import org.webops.dockerhubbot.provisioning.RunEvent;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.secretlinks.LinkEvent;
import org.webops.dockerhubbot.secretlinks.SecretPayload;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestMoved;
import org.webops.dockerhubbot.workflow.RequestSpec;

/** The words of every notice, in Slack mrkdwn: the core says what happened, this says it. */
public final class NoticeTexts {
  private static final DateTimeFormatter FALLBACK =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private NoticeTexts() {}

  public static String of(NoticeEvent event, Notice.Audience audience,
      ProvisioningRequest request) {
    if (event instanceof RequestMoved moved) {
      return moved(moved, audience, request);
    }
    if (event instanceof LifecycleEvent lifecycle) {
      return lifecycle(lifecycle, request);
    }
    if (event instanceof RunEvent run) {
      return run(run, request);
    }
    if (event instanceof LinkEvent link) {
      return link(link);
    }
    if (event instanceof Prewritten prewritten) {
      return prewritten.text();
    }
    throw new IllegalArgumentException("no words for " + event.getClass().getSimpleName());
  }

  /** For the approval channel: a credential the bot depends on fails, or works again. */
  public static String credentialHealth(CredentialHealthChanged change) {
    String what = credentialName(change.credential());
    if (!change.ok()) {
      return ":rotating_light: *" + what + " is failing*: " + SlackText.escape(change.reason())
          + ". " + whileBroken(change.credential()) + " `/health` shows its state; this channel"
          + " hears again when it works.";
    }
    return ":white_check_mark: *" + what + " works again*. It had been failing since "
        + SlackText.dateTime(change.since()) + " (" + SlackText.escape(change.reason()) + ").";
  }

  private static String credentialName(Credential credential) {
    return switch (credential) {
      case DOCKERHUB_ADMIN -> "The Docker Hub admin login";
      case CIRCLECI_TOKEN -> "The CircleCI token (`CIRCLECI_TOKEN`)";
      case SLACK_BOT_TOKEN -> "The Slack bot token (`SLACK_BOT_TOKEN`)";
    };
  }

  private static String whileBroken(Credential credential) {
    return switch (credential) {
      case DOCKERHUB_ADMIN -> "Until it is fixed nothing can be provisioned, rotated or revoked,"
          + " and the drift check cannot run.";
      case CIRCLECI_TOKEN -> "Until it is fixed no CircleCI variable can be written or read back,"
          + " and the form cannot look projects up.";
      case SLACK_BOT_TOKEN -> "Until it is fixed the bot cannot answer anyone in Slack.";
    };
  }

  private static String moved(RequestMoved moved, Notice.Audience audience,
      ProvisioningRequest request) {
    String subject = subject(request);
    String pipeline = SlackText.code(request.spec().pipeline());
    String by = SlackText.user(moved.by());
    boolean thread = audience == Notice.Audience.THREAD;
    return switch (moved.transition()) {
      case APPROVE -> subject + " was approved by " + by
          + ". Provisioning starts now; you will get the CircleCI settings when it is done.";
      case REJECT -> subject + " was rejected by " + by + ": " + SlackText.escape(moved.note());
      case FINISH -> done(request);
      case WITHDRAW -> ":leftwards_arrow_with_hook: Withdrawn by " + by + " before a decision.";
      case LAPSE -> (thread ? ":hourglass: Request #" + request.id() + " for " + pipeline
          : subject) + " expired without a decision; nothing was made. `/dockerhub-user new "
          + SlackText.escape(request.spec().pipeline()) + "` asks again.";
      case ROTATE -> moved.by().equals(Move.BOT)
          ? ":arrows_counterclockwise: Rotating the token automatically: it expires "
              + date(moved.note()) + ". The old one keeps working until CircleCI holds the new"
              + " one and the grace period is over."
          : ":arrows_counterclockwise: " + by + " asked for a new token; rotating. The old one"
              + " keeps working until CircleCI holds the new one and the grace period is over.";
      case ROTATED -> thread ? ":white_check_mark: Rotation done: CircleCI holds the new token"
              + " and the old one is deleted."
          : "The token of your request #" + request.id() + " for " + pipeline + " was rotated:"
              + " CircleCI holds the new one, nothing changes in your config.";
      case EXPIRE -> ":warning: The token of request #" + request.id() + " for " + pipeline
          + " has expired: pulls with it fail now. Rotate it with the button below or `"
          + rotateCommand(request) + "`.";
      case REVOKE -> (thread ? ":no_entry_sign: Revocation started by " + by
          : subject + " is being revoked by " + by) + ": " + SlackText.escape(moved.note());
      case REVOKED_ALL -> thread ? ":wastebasket: Revoked: everything the bot made for "
              + pipeline + " is deleted. The pipeline can be requested again."
          : subject + " was revoked by " + by + ": " + SlackText.escape(moved.note())
              + ". A new credential can be asked for with `/dockerhub-user new "
              + SlackText.escape(request.spec().pipeline()) + "`.";
      default -> subject + " is now " + moved.transition().to().words() + ".";
    };
  }

  private static String lifecycle(LifecycleEvent event, ProvisioningRequest request) {
    if (event instanceof LifecycleEvent.PendingReminder pending) {
      String who = pending.approverGroup().isEmpty() ? "Approvers"
          : "<!subteam^" + pending.approverGroup() + ">";
      return ":alarm_clock: Request #" + request.id() + " has waited "
          + pending.waited().toHours() + " hours for a decision. " + who + ": Approve or"
          + " Reject it above.";
    }
    LifecycleEvent.ExpiryReminder reminder = (LifecycleEvent.ExpiryReminder) event;
    return ":alarm_clock: The token of request #" + request.id() + " for "
        + SlackText.code(request.spec().pipeline()) + " expires "
        + SlackText.date(reminder.expiresAt()) + " (in " + reminder.daysLeft()
        + (reminder.daysLeft() == 1 ? " day" : " days") + "). "
        + (reminder.rotationFailed() ? "The automatic rotation failed (see the thread)."
            : "Nothing rotates it by itself.")
        + " Rotate it with the button below or `" + rotateCommand(request) + "`.";
  }

  private static String rotateCommand(ProvisioningRequest request) {
    return "/dockerhub-user rotate " + SlackText.escape(request.spec().pipeline());
  }

  private static String date(String instant) {
    try {
      return SlackText.date(Instant.parse(instant));
    } catch (java.time.format.DateTimeParseException e) {
      return "soon";
    }
  }

  private static String run(RunEvent event, ProvisioningRequest request) {
    if (event instanceof RunEvent.StepDone done) {
      String head = (done.dryRun() ? ":test_tube: " : ":white_check_mark: ") + "*"
          + done.step().label() + "*";
      return done.lines().isEmpty() ? head
          : head + "\n" + SlackText.of(Prose.join("\n", done.lines()));
    }
    if (event instanceof RunEvent.StepWaiting waiting) {
      return ":double_vertical_bar: " + SlackText.of(waiting.detail());
    }
    if (event instanceof RunEvent.RunWaiting waiting) {
      return subject(request) + " " + waitingFor(request, waiting.step())
          + ". I'll tell you when it goes on.";
    }
    if (event instanceof RunEvent.StepFailed failed) {
      return ":x: *" + failed.step().label() + "* failed: " + SlackText.escape(failed.reason())
          + "\nAn approver can click *Retry* on the card once the cause is fixed.";
    }
    if (event instanceof RunEvent.RunStopped stopped) {
      if (stopped.kind() == OperationKind.ROTATE) {
        return "The rotation of your request #" + request.id() + " for "
            + SlackText.code(request.spec().pipeline()) + " stopped at \"" + stopped.step().label()
            + "\". The old token still works; webops can see why in the request's thread and"
            + " retry it.";
      }
      return subject(request) + " stopped at \"" + stopped.step().label() + "\". Webops can see"
          + " why in the request's thread and retry it; I'll tell you when it is done.";
    }
    if (event instanceof RunEvent.WentBack back) {
      return ":leftwards_arrow_with_hook: " + SlackText.of(back.why());
    }
    RunEvent.SignUpSentAgain again = (RunEvent.SignUpSentAgain) event;
    return ":repeat: Sent " + SlackText.user(again.to()) + " the sign-up details again, in a new"
        + " one-time link.";
  }

  private static String waitingFor(ProvisioningRequest request, StepId step) {
    String who = request.decision().map(d -> SlackText.user(d.by())).orElse("an approver");
    return switch (step) {
      case VERIFY_SIGN_UP -> "waits for " + who + " to sign up its Docker ID on Docker Hub";
      case AWAIT_MEMBERSHIP -> "waits for the Docker Hub invitation to be accepted";
      default -> "waits for " + who;
    };
  }

  private static String link(LinkEvent event) {
    if (event instanceof LinkEvent.LinkOpened opened) {
      Instant at = opened.at();
      return ":unlock: Secret link opened at <!date^" + at.getEpochSecond() + "^{time}|"
          + FALLBACK.format(at) + ">. The server no longer holds it.";
    }
    LinkEvent.LinkExpired expired = (LinkEvent.LinkExpired) event;
    if (expired.signUp()) {
      return ":hourglass: The sign-up link expired unclaimed and has been deleted. If the account"
          + " is not signed up yet, an approver can click *Send the sign-up details again* on the"
          + " card for a new link.";
    }
    return ":hourglass: The secret link expired unclaimed and has been deleted. Tokens are never"
        + " kept, so ask for fresh credentials (a new token) with `/dockerhub-user rotate "
        + expired.pipeline() + "`.";
  }

  private static String done(ProvisioningRequest request) {
    RequestSpec spec = request.spec();
    String where = spec.circleciContext()
        .map(context -> "the CircleCI context " + SlackText.code(context)
            + " (add it to your jobs' `context:`)")
        .orElse("the project's environment variables");
    String snippet = SecretPayload.circleCiAuthSnippet(spec.userVariable(), spec.tokenVariable());
    return (request.dryRun() ? ":test_tube: Dry run: " : ":white_check_mark: ")
        + subject(request) + (request.dryRun() ? " ran through without writing anything."
            : " is done: " + SlackText.code(spec.userVariable()) + " and "
                + SlackText.code(spec.tokenVariable()) + " are in " + where + ".")
        + "\nUse them in `.circleci/config.yml` under each Docker image:\n```" + snippet + "```";
  }

  private static String subject(ProvisioningRequest request) {
    return "Your request #" + request.id() + " for " + SlackText.code(request.spec().pipeline());
  }
}

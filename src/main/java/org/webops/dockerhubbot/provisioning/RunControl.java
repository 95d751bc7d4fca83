package org.webops.dockerhubbot.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.Approvers;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * The card's run buttons: Retry, "Account created and e-mail verified", "Send the sign-up details
 * again" and "Check now". Each click
 * is checked against the approvers; each answer is the text for the clicker alone, or empty when
 * the run went on and the card and thread say so.
 */
public final class RunControl {
  private static final Logger log = LoggerFactory.getLogger(RunControl.class);
  static final int BUSY_TRIES = 8;
  static final Duration BUSY_PAUSE = Duration.ofMillis(250);

  private final RequestRepository requests;
  private final ProvisioningRunner runner;
  private final Approvers approvers;
  private final SignUpDetails signUp;
  private final Progress progress;
  private final AuditLog audit;
  private final Clock clock;

  public RunControl(RequestRepository requests, ProvisioningRunner runner, Approvers approvers,
      SignUpDetails signUp, Progress progress, AuditLog audit, Clock clock) {
    this.requests = requests;
    this.runner = runner;
    this.approvers = approvers;
    this.signUp = signUp;
    this.progress = progress;
    this.audit = audit;
    this.clock = clock;
  }

  /** Retry: a compare-and-set from FAILED, so ten clicks retry once. */
  public CompletableFuture<Optional<String>> retry(long requestId, String user) {
    Optional<String> refused = refuse(requestId, user, "retry");
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused);
    }
    ProvisioningRequest request = requests.find(requestId).orElseThrow();
    if (!runner.retry(requestId, new AuditEvent(requestId, user, "RETRY",
        "retry from the failed step", clock.instant()))) {
      return CompletableFuture.completedFuture(Optional.of("Request #" + requestId + " is "
          + describe(requests.find(requestId).orElse(request).state()) + ", so there is nothing"
          + " to retry."));
    }
    return runWhenFree(requestId, Trigger.AUTOMATIC, BUSY_TRIES)
        .thenApply(outcome -> Optional.empty());
  }

  /** "Account created and e-mail verified": checks the sign-up now. */
  public CompletableFuture<Optional<String>> signedUp(long requestId, String user) {
    return nudge(requestId, user, StepId.VERIFY_SIGN_UP, Trigger.PERSON, "check the sign-up",
        "Docker Hub did not accept the sign-up yet; the card and its thread say why.");
  }

  /**
   * "Send the sign-up details again": a new one-time link to the approver who clicks, for a link
   * lost, expired or opened and closed too soon. It only reads the run, so it needs no lease.
   */
  public CompletableFuture<Optional<String>> sendSignUpAgain(long requestId, String user) {
    Optional<String> refused = refuse(requestId, user, "get the sign-up details");
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused);
    }
    if (!waitsAt(requestId, StepId.VERIFY_SIGN_UP)) {
      return CompletableFuture.completedFuture(Optional.of("Request #" + requestId
          + " is not waiting for the sign-up any more, so its details are not sent again."));
    }
    RunContext run = runner.contextOf(requestId);
    signUp.sendTo(run, user);
    audit.record(new AuditEvent(requestId, user, "SIGN_UP_SENT_AGAIN", "sign-up details sent"
        + " again in a new one-time link", clock.instant()));
    progress.thread(run.request(), ":repeat: Sent " + SlackText.user(user) + " the sign-up"
        + " details again, in a new one-time link.");
    return CompletableFuture.completedFuture(Optional.empty());
  }

  /** "Check now": looks for the team membership now instead of at the next poll. */
  public CompletableFuture<Optional<String>> checkNow(long requestId, String user) {
    return nudge(requestId, user, StepId.AWAIT_MEMBERSHIP, Trigger.POLL, "check the membership",
        "Checked just now: the invitation is not accepted yet. I keep looking by myself too.");
  }

  private CompletableFuture<Optional<String>> nudge(long requestId, String user, StepId step,
      Trigger trigger, String what, String stillWaiting) {
    Optional<String> refused = refuse(requestId, user, what);
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused);
    }
    if (!waitsAt(requestId, step)) {
      return CompletableFuture.completedFuture(Optional.of("Request #" + requestId
          + " is not waiting for that any more."));
    }
    audit.record(new AuditEvent(requestId, user, "NUDGE", what, clock.instant()));
    return runWhenFree(requestId, trigger, BUSY_TRIES).thenApply(outcome -> switch (outcome) {
      case BUSY -> Optional.of("I'm already working on request #" + requestId + "; the card"
          + " shows how it goes.");
      case WAITING -> Optional.of(stillWaiting);
      default -> Optional.empty();
    });
  }

  /**
   * A click that lands while the run is still finishing what came before (its lease is held for
   * a few milliseconds more) is not lost: it is tried again shortly, a few times.
   */
  private CompletableFuture<ProvisioningRunner.Outcome> runWhenFree(long requestId,
      Trigger trigger, int triesLeft) {
    Duration delay = triesLeft == BUSY_TRIES ? Duration.ZERO : BUSY_PAUSE;
    return runner.submit(requestId, trigger, delay).thenCompose(outcome ->
        outcome == ProvisioningRunner.Outcome.BUSY && triesLeft > 1
            ? runWhenFree(requestId, trigger, triesLeft - 1)
            : CompletableFuture.completedFuture(outcome));
  }

  private boolean waitsAt(long requestId, StepId step) {
    return runner.waitingStep(requestId).map(s -> s.step() == step).orElse(false);
  }

  private Optional<String> refuse(long requestId, String user, String what) {
    if (requests.find(requestId).isEmpty()) {
      return Optional.of("I can't find request #" + requestId + ".");
    }
    boolean approver;
    try {
      approver = approvers.isApprover(user);
    } catch (RuntimeException e) {
      log.warn("Could not check whether {} is an approver: {}", user, e.getMessage());
      return Optional.of("I could not check the approver group with Slack just now, so nothing"
          + " changed. Please try again in a minute.");
    }
    if (!approver) {
      audit.record(new AuditEvent(requestId, user, "RUN_CONTROL_REFUSED", what + ": not an"
          + " approver", clock.instant()));
      return Optional.of(":no_entry: Only webops approvers can " + what + ", and you are not"
          + " one of them.");
    }
    return Optional.empty();
  }

  private static String describe(RequestState state) {
    return state.name().toLowerCase().replace('_', ' ');
  }
}

package org.webops.dockerhubbot.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.Approvers;
import org.webops.dockerhubbot.workflow.ApproversUnavailableException;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * The card's run buttons: Retry, "Account created and e-mail verified", "Send the sign-up details
 * again", "Replace the existing values" and "Check now". Each click is checked against the
 * approvers and acts under the run's lease, like a run; each answer is the text for the clicker
 * alone, or empty when the run went on and the card and thread say so.
 */
public final class RunControl {
  private static final Logger log = LoggerFactory.getLogger(RunControl.class);
  static final int BUSY_TRIES = 8;
  static final Duration BUSY_PAUSE = Duration.ofMillis(250);

  private final RequestRepository requests;
  private final ProvisioningRunner runner;
  private final RunStore runs;
  private final Approvers approvers;
  private final SignUpDetails signUp;
  private final Progress progress;
  private final AuditLog audit;
  private final Executor executor;
  private final Clock clock;

  public RunControl(RequestRepository requests, ProvisioningRunner runner, RunStore runs,
      Approvers approvers, SignUpDetails signUp, Progress progress, AuditLog audit,
      Executor executor, Clock clock) {
    this.requests = requests;
    this.runner = runner;
    this.runs = runs;
    this.approvers = approvers;
    this.signUp = signUp;
    this.progress = progress;
    this.audit = audit;
    this.executor = executor;
    this.clock = clock;
  }

  /** Retry: once for the failure the clicker saw, however many click at once. */
  public CompletableFuture<Optional<String>> retry(long requestId, String user) {
    Optional<String> refused = refuse(requestId, user, "retry");
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused);
    }
    Trigger retry = new Trigger.Retry(user, runner.progressOf(requestId));
    return whenFree(() -> runner.submit(requestId, retry), BUSY_TRIES)
        .thenApply(outcome -> switch (outcome) {
          case NOT_RUNNING -> Optional.of("Request #" + requestId + " is "
              + requests.find(requestId).map(r -> describe(r.state())).orElse("gone")
              + " and not the failure you clicked on, so there is nothing to retry.");
          case BUSY -> busy(requestId);
          default -> Optional.empty();
        });
  }

  /** "Account created and e-mail verified": checks the sign-up now. */
  public CompletableFuture<Optional<String>> signedUp(long requestId, String user) {
    return nudge(requestId, user, StepId.VERIFY_SIGN_UP, new Trigger.Person(user),
        "check the sign-up",
        "Docker Hub did not accept the sign-up yet; the card and its thread say why.");
  }

  /** "Replace the existing values": lets the run overwrite CircleCI variables it did not write. */
  public CompletableFuture<Optional<String>> replaceVariables(long requestId, String user) {
    return nudge(requestId, user, StepId.WRITE_CIRCLECI, new Trigger.Person(user),
        "replace the existing CircleCI values", "The variables are still not written; the card"
            + " and its thread say why.");
  }

  /**
   * "Send the sign-up details again": a new one-time link to the approver who clicks, for a link
   * lost, expired or opened and closed too soon. Under the run's lease, like a run.
   */
  public CompletableFuture<Optional<String>> sendSignUpAgain(long requestId, String user) {
    Optional<String> refused = refuse(requestId, user, "get the sign-up details");
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused);
    }
    String notWaiting = "Request #" + requestId
        + " is not waiting for the sign-up any more, so its details are not sent again.";
    if (!waitsAt(requestId, StepId.VERIFY_SIGN_UP)) {
      return CompletableFuture.completedFuture(Optional.of(notWaiting));
    }
    return holdingWhenFree(requestId, lease -> {
      if (!waitsAt(requestId, StepId.VERIFY_SIGN_UP)) {
        return Optional.of(notWaiting);
      }
      signUp.sendTo(runner.contextOf(lease, new Trigger.Person(user)), user);
      runs.note(lease, new AuditEvent(requestId, user, "SIGN_UP_SENT_AGAIN", "sign-up details"
              + " sent again in a new one-time link", clock.instant()),
          List.of(Notice.thread(requestId, ":repeat: Sent " + SlackText.user(user) + " the"
              + " sign-up details again, in a new one-time link.")));
      progress.changed(requestId);
      return Optional.empty();
    }, BUSY_TRIES);
  }

  /** Work under the run's lease, tried again shortly a few times while a run holds it. */
  private CompletableFuture<Optional<String>> holdingWhenFree(long requestId,
      Function<RunLease, Optional<String>> work, int triesLeft) {
    return CompletableFuture.supplyAsync(() -> runner.holding(requestId, work), executor)
        .thenCompose(held -> held.isPresent() ? CompletableFuture.completedFuture(held.get())
            : triesLeft > 1 ? later().thenCompose(x -> holdingWhenFree(requestId, work,
                triesLeft - 1))
            : CompletableFuture.completedFuture(busy(requestId)));
  }

  private CompletableFuture<Void> later() {
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(
        BUSY_PAUSE.toMillis(), TimeUnit.MILLISECONDS, executor));
  }

  /** "Check now": looks for the team membership now instead of at the next poll. */
  public CompletableFuture<Optional<String>> checkNow(long requestId, String user) {
    return nudge(requestId, user, StepId.AWAIT_MEMBERSHIP, new Trigger.CheckNow(user),
        "check the membership",
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
    return whenFree(() -> runner.submit(requestId, trigger), BUSY_TRIES)
        .thenApply(outcome -> switch (outcome) {
          case BUSY -> busy(requestId);
          case WAITING -> Optional.of(stillWaiting);
          default -> Optional.empty();
        });
  }

  private static Optional<String> busy(long requestId) {
    return Optional.of("I'm already working on request #" + requestId + "; the card shows how"
        + " it goes.");
  }

  /**
   * A click that lands while the run is still finishing what came before (its lease is held for
   * a few milliseconds more) is not lost: it is tried again shortly, a few times.
   */
  private CompletableFuture<ProvisioningRunner.Outcome> whenFree(
      Supplier<CompletableFuture<ProvisioningRunner.Outcome>> attempt, int triesLeft) {
    return attempt.get().thenCompose(outcome ->
        outcome == ProvisioningRunner.Outcome.BUSY && triesLeft > 1
            ? later().thenCompose(ignored -> whenFree(attempt, triesLeft - 1))
            : CompletableFuture.completedFuture(outcome));
  }

  private boolean waitsAt(long requestId, StepId step) {
    return runner.waitingStep(requestId).map(s -> s.step() == step).orElse(false);
  }

  /**
   * Why {@code user} may not work this request's run, if they may not: only approvers, and never
   * the requester (as on Approve: a requester who is an approver must not, say, get their own
   * service user's password through "Send the sign-up details again").
   */
  private Optional<String> refuse(long requestId, String user, String what) {
    Optional<ProvisioningRequest> request = requests.find(requestId);
    if (request.isEmpty()) {
      return Optional.of("I can't find request #" + requestId + ".");
    }
    if (request.get().requester().equals(user)) {
      audit.record(new AuditEvent(requestId, user, "RUN_CONTROL_REFUSED", what + ": own request",
          clock.instant()));
      return Optional.of(":no_entry: You asked for request #" + requestId + " yourself, so"
          + " another approver has to " + what + ".");
    }
    boolean approver;
    try {
      approver = approvers.isApprover(user);
    } catch (ApproversUnavailableException e) {
      return Optional.of(":no_entry: " + e.getMessage());
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

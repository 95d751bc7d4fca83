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
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.provisioning.OperationRunner.Outcome;
import org.webops.dockerhubbot.workflow.Authority;
import org.webops.dockerhubbot.workflow.Progress;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.Role;

/**
 * The card's run buttons: Retry, "Account created and e-mail verified", "Send the sign-up details
 * again", "Replace the existing values" and "Check now". Each click is checked against the
 * approvers and acts on the request's current operation under its lease, like a run.
 */
public final class RunControl {
  static final int BUSY_TRIES = 8;
  static final Duration BUSY_PAUSE = Duration.ofMillis(250);

  private final RequestRepository requests;
  private final OperationRunner runner;
  private final RunStore runs;
  private final Authority authority;
  private final SignUpDetails signUp;
  private final Progress progress;
  private final AuditLog audit;
  private final Executor executor;
  private final Clock clock;

  public RunControl(RequestRepository requests, OperationRunner runner, RunStore runs,
      Authority authority, SignUpDetails signUp, Progress progress, AuditLog audit,
      Executor executor, Clock clock) {
    this.requests = requests;
    this.runner = runner;
    this.runs = runs;
    this.authority = authority;
    this.signUp = signUp;
    this.progress = progress;
    this.audit = audit;
    this.executor = executor;
    this.clock = clock;
  }

  /** Retry: once for the failure the clicker saw, however many click at once. */
  public CompletableFuture<ControlReply> retry(long requestId, String user) {
    Optional<ControlReply> refused = refuse(requestId, user, "retry");
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused.get());
    }
    RunStore.Snapshot run = runs.ofRequest(requestId);
    if (run.operation().isEmpty()) {
      return CompletableFuture.completedFuture(nothingToRetry(requestId));
    }
    Trigger retry = new Trigger.Retry(user, run.progress());
    return whenFree(() -> runner.submit(run.operation().get().id(), retry), BUSY_TRIES)
        .thenApply(outcome -> switch (outcome) {
          case NOT_RUNNING -> nothingToRetry(requestId);
          case BUSY -> busy(requestId);
          default -> ControlReply.wentOn();
        });
  }

  private ControlReply nothingToRetry(long requestId) {
    return ControlReply.info("Request #" + requestId + " is "
        + requests.find(requestId).map(r -> r.state().words()).orElse("gone")
        + " and not the failure you clicked on, so there is nothing to retry.");
  }

  /** "Account created and e-mail verified": checks the sign-up now. */
  public CompletableFuture<ControlReply> signedUp(long requestId, String user) {
    return nudge(requestId, user, StepId.VERIFY_SIGN_UP, new Trigger.Person(user),
        "check the sign-up",
        "Docker Hub did not accept the sign-up yet; the card and its thread say why.");
  }

  /** "Replace the existing values": lets the run overwrite CircleCI variables it did not write. */
  public CompletableFuture<ControlReply> replaceVariables(long requestId, String user) {
    return nudge(requestId, user, StepId.WRITE_CIRCLECI, new Trigger.Person(user),
        "replace the existing CircleCI values", "The variables are still not written; the card"
            + " and its thread say why.");
  }

  /** "Check now": looks for the team membership now instead of at the next poll. */
  public CompletableFuture<ControlReply> checkNow(long requestId, String user) {
    return nudge(requestId, user, StepId.AWAIT_MEMBERSHIP, new Trigger.CheckNow(user),
        "check the membership",
        "Checked just now: the invitation is not accepted yet. I keep looking by myself too.");
  }

  /**
   * "Send the sign-up details again": a new one-time link to the approver who clicks, for a link
   * lost, expired or opened and closed too soon. Under the run's lease, like a run.
   */
  public CompletableFuture<ControlReply> sendSignUpAgain(long requestId, String user) {
    Optional<ControlReply> refused = refuse(requestId, user, "get the sign-up details");
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused.get());
    }
    ControlReply notWaiting = ControlReply.info("Request #" + requestId
        + " is not waiting for the sign-up any more, so its details are not sent again.");
    Optional<Long> operation = waitingAt(requestId, StepId.VERIFY_SIGN_UP);
    if (operation.isEmpty()) {
      return CompletableFuture.completedFuture(notWaiting);
    }
    return holdingWhenFree(requestId, operation.get(), lease -> {
      if (waitingAt(requestId, StepId.VERIFY_SIGN_UP).isEmpty()) {
        return notWaiting;
      }
      signUp.sendTo(runner.contextOf(lease, new Trigger.Person(user)), user);
      runs.note(lease, new AuditEvent(requestId, user, "SIGN_UP_SENT_AGAIN", "sign-up details"
              + " sent again in a new one-time link", clock.instant()),
          List.of(Notice.thread(requestId, new RunEvent.SignUpSentAgain(user))));
      progress.changed(requestId);
      return ControlReply.wentOn();
    }, BUSY_TRIES);
  }

  private CompletableFuture<ControlReply> nudge(long requestId, String user, StepId step,
      Trigger trigger, String what, String stillWaiting) {
    Optional<ControlReply> refused = refuse(requestId, user, what);
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused.get());
    }
    Optional<Long> operation = waitingAt(requestId, step);
    if (operation.isEmpty()) {
      return CompletableFuture.completedFuture(ControlReply.info("Request #" + requestId
          + " is not waiting for that any more."));
    }
    audit.record(new AuditEvent(requestId, user, "NUDGE", what, clock.instant()));
    return whenFree(() -> runner.submit(operation.get(), trigger), BUSY_TRIES)
        .thenApply(outcome -> switch (outcome) {
          case BUSY -> busy(requestId);
          case WAITING -> ControlReply.info(stillWaiting);
          default -> ControlReply.wentOn();
        });
  }

  /** Work under the run's lease, tried again shortly a few times while a run holds it. */
  private CompletableFuture<ControlReply> holdingWhenFree(long requestId, long operationId,
      Function<RunLease, ControlReply> work, int triesLeft) {
    return CompletableFuture.supplyAsync(() -> runner.holding(operationId, work), executor)
        .thenCompose(held -> held.isPresent() ? CompletableFuture.completedFuture(held.get())
            : triesLeft > 1 ? later().thenCompose(x -> holdingWhenFree(requestId, operationId,
                work, triesLeft - 1))
            : CompletableFuture.completedFuture(busy(requestId)));
  }

  /**
   * A click that lands while the run is still finishing what came before (its lease is held for
   * a few milliseconds more) is not lost: it is tried again shortly, a few times.
   */
  private CompletableFuture<Outcome> whenFree(Supplier<CompletableFuture<Outcome>> attempt,
      int triesLeft) {
    return attempt.get().thenCompose(outcome -> outcome == Outcome.BUSY && triesLeft > 1
        ? later().thenCompose(ignored -> whenFree(attempt, triesLeft - 1))
        : CompletableFuture.completedFuture(outcome));
  }

  private CompletableFuture<Void> later() {
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(
        BUSY_PAUSE.toMillis(), TimeUnit.MILLISECONDS, executor));
  }

  private static ControlReply busy(long requestId) {
    return ControlReply.info("I'm already working on request #" + requestId + "; the card shows"
        + " how it goes.");
  }

  /** The request's operation whose step waits at {@code step}, if one does. */
  private Optional<Long> waitingAt(long requestId, StepId step) {
    RunStore.Snapshot run = runs.ofRequest(requestId);
    return run.waitingStep().filter(s -> s.step() == step)
        .flatMap(s -> run.operation().map(Operation::id));
  }

  /**
   * Why {@code user} may not work this request's run, if they may not: only approvers, and never
   * the requester (as on Approve: a requester who is an approver must not, say, get their own
   * service user's password through "Send the sign-up details again").
   */
  private Optional<ControlReply> refuse(long requestId, String user, String what) {
    Optional<ProvisioningRequest> request = requests.find(requestId);
    if (request.isEmpty()) {
      return Optional.of(ControlReply.info("I can't find request #" + requestId + "."));
    }
    Authority.Standing standing = authority.of(request.get(), user);
    if (standing instanceof Authority.Standing.Unknown unknown) {
      return Optional.of(ControlReply.refused(unknown.why()));
    }
    if (Authority.holds(standing, Role.APPROVER)) {
      return Optional.empty();
    }
    boolean own = standing instanceof Authority.Standing.Requester;
    audit.record(new AuditEvent(requestId, user, "RUN_CONTROL_REFUSED",
        what + (own ? ": own request" : ": not an approver"), clock.instant()));
    return Optional.of(ControlReply.refused(own
        ? "You asked for request #" + requestId + " yourself, so another approver has to " + what
            + "."
        : "Only webops approvers can " + what + ", and you are not one of them."));
  }
}

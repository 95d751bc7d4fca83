package org.webops.dockerhubbot.provisioning;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.RateLimitedException;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.http.TransportException;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.provisioning.OperationRunner.Outcome;
import org.webops.dockerhubbot.workflow.Progress;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.OperationKind;

/**
 * One leased go of a request's run: from its first unfinished step on, until it is done, waits,
 * fails or loses its lease. Every write names the lease; a lost lease ends the go at once
 * ({@link LeaseLostException}) without writing anything more.
 */
final class RunExecution {
  private static final Logger log = LoggerFactory.getLogger(RunExecution.class);
  private static final int MAX_REWINDS = 2;

  private final RunLease lease;
  private final RequestRepository requests;
  private final RunStore runs;
  private final Plans plans;
  private final Progress progress;
  private final Sleeper sleeper;
  private final Clock clock;
  private final OperationRunner.Settings settings;
  private final BooleanSupplier stopping;
  private final RunMeter meter;
  private final long id;
  private Trigger trigger;

  RunExecution(RunLease lease, Trigger trigger, RequestRepository requests, RunStore runs,
      Plans plans, Progress progress, Sleeper sleeper, Clock clock,
      OperationRunner.Settings settings, BooleanSupplier stopping, RunMeter meter) {
    this.lease = lease;
    this.trigger = trigger;
    this.requests = requests;
    this.runs = runs;
    this.plans = plans;
    this.progress = progress;
    this.sleeper = sleeper;
    this.clock = clock;
    this.settings = settings;
    this.stopping = stopping;
    this.meter = meter;
    this.id = lease.requestId();
  }

  Outcome run() {
    Operation operation = runs.operation(lease.operationId()).orElse(null);
    ProvisioningRequest request = requests.find(id).orElse(null);
    if (operation == null || request == null) {
      return Outcome.NOT_RUNNING;
    }
    OperationPlan plan = Plans.of(operation.kind(), request.spec().kind());
    if (trigger instanceof Trigger.Retry retry) {
      if (operation.status() != Operation.Status.FAILED || !runs.retry(lease,
          retry.seenProgress(), plan.onRetry(), Move.by(retry.user(), clock.instant(),
              "retry from the failed step"))) {
        return Outcome.NOT_RUNNING;
      }
      progress.changed(id);
      operation = runs.operation(operation.id()).orElseThrow();
    }
    if (operation.status() != Operation.Status.OPEN) {
      return Outcome.NOT_RUNNING;
    }
    if (plan.onStart().filter(start -> start.startsFrom(request.state())).isPresent()) {
      runs.apply(lease, plan.onStart().get(), Move.ofBot(clock.instant(),
          operation.kind().name().toLowerCase() + " started"));
    }
    return steps(operation, requests.find(id).orElseThrow(), plan);
  }

  private Outcome steps(Operation operation, ProvisioningRequest request, OperationPlan operationPlan) {
    int rewinds = 0;
    List<StepId> plan = operationPlan.steps();
    while (true) {
      if (stopping.getAsBoolean()) {
        return Outcome.STOPPED;
      }
      lease.check(); // a go past its local deadline writes nothing more
      RunStore.Snapshot snapshot = runs.snapshot(operation.id());
      StepId next = plan.stream().filter(step -> !isDone(snapshot, step)).findFirst().orElse(null);
      if (next == null) {
        return finish(operation, request, operationPlan);
      }
      try (LogContext.Scope scope = LogContext.step(next.name())) {
        Optional<StepRecord> before = snapshot.step(next);
        boolean wasWaiting = before.map(r -> r.status() == StepStatus.WAITING).orElse(false);
        if (wasWaiting && !wakes(snapshot.waiting())) {
          return Outcome.WAITING; // not what it waits for: nothing is called, nothing counted
        }
        if (!wasWaiting) {
          runs.record(lease, StepRecord.running(next, clock.instant()), List.of());
          progress.changed(id);
          if (snapshot.steps().isEmpty()) {
            meter.started(operation.kind());
          }
        }
        RunContext context = new RunContext(operation, request, trigger, doneFacts(snapshot, plan),
            snapshot.polls(), clock.instant(), lease);
        long started = System.nanoTime();
        StepResult result = attempt(plans.step(next), context);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("Request #{}: {} {} after {} ms", id, next, result.getClass().getSimpleName(),
            took.toMillis());
        meter.stepRan(operation.kind(), next, outcome(result), took);
        if (stopping.getAsBoolean()) {
          return Outcome.STOPPED;
        }
        if (result instanceof StepResult.Done done) {
          runs.record(lease, StepRecord.done(next, done.lines(), done.facts(), clock.instant()),
              List.of(Notice.thread(id,
                  new RunEvent.StepDone(next, done.lines(), request.dryRun()))));
          progress.changed(id);
          trigger = Trigger.AUTOMATIC; // a click wakes one step, not the ones after it
        } else if (result instanceof StepResult.Waiting waiting) {
          return park(request, next, waiting, before, snapshot, context.now());
        } else if (result instanceof StepResult.Rewind rewind) {
          int back = plan.indexOf(rewind.step());
          if (back < 0 || back > plan.indexOf(next)) {
            return fail(operationPlan, next, "it asked to go back to "
                + rewind.step().label().toLowerCase() + ", which is not an earlier step of this"
                + " run: " + rewind.why().plain());
          }
          if (++rewinds > MAX_REWINDS) {
            return fail(operationPlan, next, "it kept needing to go back to "
                + rewind.step().label().toLowerCase() + ": " + rewind.why().plain());
          }
          runs.reset(lease, plan.subList(back, plan.indexOf(next) + 1),
              List.of(Notice.thread(id, new RunEvent.WentBack(rewind.step(), rewind.why()))));
          progress.changed(id);
        } else {
          return fail(operationPlan, next, ((StepResult.Failed) result).reason());
        }
      }
    }
  }

  private static RunMeter.StepOutcome outcome(StepResult result) {
    if (result instanceof StepResult.Done) {
      return RunMeter.StepOutcome.DONE;
    }
    if (result instanceof StepResult.Waiting) {
      return RunMeter.StepOutcome.WAITING;
    }
    return result instanceof StepResult.Rewind ? RunMeter.StepOutcome.REWIND
        : RunMeter.StepOutcome.FAILED;
  }

  /** Whether this go may run a waiting step: only for what it waits for. */
  private boolean wakes(Optional<Wait> wait) {
    if (wait.isEmpty()) {
      return true;
    }
    return switch (wait.get().waitFor()) {
      case PERSON -> trigger instanceof Trigger.Person;
      case POLL -> trigger instanceof Trigger.CheckNow || trigger instanceof Trigger.Person
          || (trigger instanceof Trigger.Automatic && wait.get().wakeAt()
              .map(at -> !at.isAfter(clock.instant())).orElse(false));
    };
  }

  private StepResult attempt(Step step, RunContext context) {
    Duration wait = settings.stepBackoff();
    for (int attempt = 1; ; attempt++) {
      lease.check();
      try {
        return step.run(context);
      } catch (LeaseLostException e) {
        throw e;
      } catch (ApiException e) {
        if (stopping.getAsBoolean()) {
          throw e;
        }
        if (!isTransient(e) || attempt >= settings.stepAttempts()) {
          return new StepResult.Failed(e.getMessage());
        }
        Optional<Duration> asked = e instanceof RateLimitedException limited
            ? limited.retryAfter() : Optional.empty();
        if (asked.isPresent() && asked.get().compareTo(wait) > 0) {
          wait = asked.get(); // the API said how long; the doubling goes on from it
        }
        log.info("Request #{}: {} failed ({}); trying again in {} ms", id, step.id(),
            e.getMessage(), wait.toMillis());
        meter.stepRetried(context.operation().kind(), step.id(), e instanceof RateLimitedException
            ? RunMeter.RetryReason.RATE_LIMITED : e instanceof ServerErrorException
            ? RunMeter.RetryReason.SERVER_ERROR : RunMeter.RetryReason.NO_ANSWER, wait);
      } catch (RuntimeException e) {
        if (stopping.getAsBoolean()) {
          throw e;
        }
        log.warn("Request #{}: {} failed", id, step.id(), e);
        return new StepResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedIOException e) {
        throw new IllegalStateException("interrupted", e);
      }
      wait = wait.multipliedBy(2);
    }
  }

  private static boolean isTransient(ApiException e) {
    return e instanceof ServerErrorException || e instanceof RateLimitedException
        || e instanceof TransportException;
  }

  /**
   * @param now the time the step saw: a wait it asked for counts from then, not from a later
   *     read of the clock (which may have moved on meanwhile)
   */
  private Outcome park(ProvisioningRequest request, StepId step, StepResult.Waiting waiting,
      Optional<StepRecord> before, RunStore.Snapshot snapshot, Instant now) {
    boolean firstTime = before.map(r -> r.status() != StepStatus.WAITING).orElse(true);
    boolean news = firstTime || trigger instanceof Trigger.Person
        || !before.get().detail().equals(waiting.detail());
    // Only the bot's own looks count against the polling budget; a click or a duplicate does not.
    boolean ownPoll = !firstTime && trigger instanceof Trigger.Automatic;
    int polls = waiting.waitFor() != WaitFor.POLL || firstTime ? 0
        : snapshot.polls() + (ownPoll ? 1 : 0);
    Optional<Instant> wakeAt = waiting.pollIn().map(now::plus);
    if (!firstTime && !ownPoll && waiting.waitFor() == WaitFor.POLL) {
      wakeAt = snapshot.waiting().flatMap(Wait::wakeAt).or(() -> waiting.pollIn().map(now::plus));
    }
    List<Notice> notices = new java.util.ArrayList<>();
    if (news) {
      notices.add(Notice.thread(id, new RunEvent.StepWaiting(step, waiting.detail())));
    }
    if (firstTime && waiting.tellsRequester()) {
      notices.add(Notice.requester(id, new RunEvent.RunWaiting(step)));
    }
    runs.park(lease, StepRecord.waiting(step, waiting.detail(), now),
        new Wait(waiting.waitFor(), wakeAt, polls), notices);
    progress.changed(id);
    return Outcome.WAITING;
  }

  private Outcome fail(OperationPlan plan, StepId step, String reason) {
    OperationKind operationKind = runs.operation(lease.operationId()).map(Operation::kind)
        .orElse(OperationKind.PROVISION);
    Instant now = clock.instant();
    runs.fail(lease, StepRecord.failed(step, reason, now), plan.onFailure(),
        Move.ofBot(now, step.name() + ": " + reason).alsoTelling(
            Notice.thread(id, new RunEvent.StepFailed(step, reason)),
            Notice.requester(id, new RunEvent.RunStopped(step, operationKind))));
    progress.changed(id);
    meter.failed(operationKind, step);
    log.warn("Request #{} failed at {}: {}", id, step, reason);
    return Outcome.FAILED;
  }

  private Outcome finish(Operation operation, ProvisioningRequest request, OperationPlan plan) {
    // The move is told in the name of whoever asked for the operation, with what they said.
    String by = operation.kind() == OperationKind.PROVISION ? Move.BOT : operation.startedBy();
    String done = switch (operation.kind()) {
      case PROVISION -> "provisioned ";
      case ROTATE -> "rotated the token of ";
      case REVOKE -> "revoked everything made for ";
    };
    if (runs.finish(lease, plan.onFinish(), Move.by(by, clock.instant(),
        done + request.spec().pipeline()).noting(operation.note()))) {
      progress.changed(id);
      meter.finished(operation.kind());
      log.info("Request #{}: {} {} is done", id, operation.kind(), request.spec().pipeline());
    }
    return Outcome.FINISHED;
  }

  /** The facts of the plan's leading run of done steps: what the next step may rely on. */
  static Map<String, String> doneFacts(RunStore.Snapshot snapshot, List<StepId> plan) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (StepId step : plan) {
      if (!isDone(snapshot, step)) {
        break;
      }
      facts.putAll(snapshot.step(step).orElseThrow().facts());
    }
    return facts;
  }

  private static boolean isDone(RunStore.Snapshot snapshot, StepId step) {
    return snapshot.step(step).map(r -> r.status() == StepStatus.DONE).orElse(false);
  }
}

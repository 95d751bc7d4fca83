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
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.RateLimitedException;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.http.TransportException;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.provisioning.ProvisioningRunner.Outcome;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

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
  private final ProvisioningRunner.Settings settings;
  private final BooleanSupplier stopping;
  private final long id;
  private Trigger trigger;

  RunExecution(RunLease lease, Trigger trigger, RequestRepository requests, RunStore runs,
      Plans plans, Progress progress, Sleeper sleeper, Clock clock,
      ProvisioningRunner.Settings settings, BooleanSupplier stopping) {
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
    this.id = lease.requestId();
  }

  Outcome run() {
    ProvisioningRequest request = requests.find(id).orElse(null);
    if (request == null) {
      return Outcome.NOT_RUNNING;
    }
    if (trigger instanceof Trigger.Retry retry) {
      if (request.state() != RequestState.FAILED || !runs.retry(lease, retry.seenProgress(),
          new AuditEvent(id, retry.user(), "RETRY", "retry from the failed step", clock.instant()))) {
        return Outcome.NOT_RUNNING;
      }
      progress.changed(id);
      request = requests.find(id).orElseThrow();
    }
    if (request.state() == RequestState.APPROVED) {
      runs.advance(lease, RequestState.APPROVED, RequestState.IN_PROGRESS,
          new AuditEvent(id, "bot", "RUN_STARTED", "provisioning started", clock.instant()),
          List.of());
      request = requests.find(id).orElseThrow();
    }
    if (request.state() != RequestState.IN_PROGRESS) {
      return Outcome.NOT_RUNNING;
    }
    return steps(request);
  }

  private Outcome steps(ProvisioningRequest request) {
    int rewinds = 0;
    List<StepId> plan = Plans.of(request.spec().kind());
    while (true) {
      if (stopping.getAsBoolean()) {
        return Outcome.STOPPED;
      }
      RunStore.Snapshot snapshot = runs.snapshot(id);
      StepId next = plan.stream().filter(step -> !isDone(snapshot, step)).findFirst().orElse(null);
      if (next == null) {
        return finish(request);
      }
      Optional<StepRecord> before = snapshot.step(next);
      boolean wasWaiting = before.map(r -> r.status() == StepStatus.WAITING).orElse(false);
      if (wasWaiting && !wakes(snapshot.waiting())) {
        return Outcome.WAITING; // not what it waits for: nothing is called, nothing counted
      }
      if (!wasWaiting) {
        runs.record(lease, new StepRecord(next, StepStatus.RUNNING, "", Map.of(), clock.instant()),
            List.of());
        progress.changed(id);
      }
      RunContext context = new RunContext(request, trigger, doneFacts(snapshot, plan),
          snapshot.polls(), clock.instant(), lease);
      long started = System.nanoTime();
      StepResult result = attempt(plans.step(next), context);
      log.info("Request #{}: {} {} after {} ms", id, next, result.getClass().getSimpleName(),
          (System.nanoTime() - started) / 1_000_000);
      if (stopping.getAsBoolean()) {
        return Outcome.STOPPED;
      }
      if (result instanceof StepResult.Done done) {
        runs.record(lease, new StepRecord(next, StepStatus.DONE, String.join("\n", done.lines()),
            done.facts(), clock.instant()),
            List.of(Notice.thread(id, Notices.stepDone(next, done, request.dryRun()))));
        progress.changed(id);
        trigger = Trigger.AUTOMATIC; // a click wakes one step, not the ones after it
      } else if (result instanceof StepResult.Waiting waiting) {
        return park(request, next, waiting, before, snapshot);
      } else if (result instanceof StepResult.Rewind rewind) {
        if (++rewinds > MAX_REWINDS) {
          return fail(request, next, "it kept needing to go back to "
              + rewind.step().label().toLowerCase() + ": " + rewind.why());
        }
        runs.reset(lease, plan.subList(plan.indexOf(rewind.step()), plan.indexOf(next) + 1),
            List.of(Notice.thread(id, ":leftwards_arrow_with_hook: " + rewind.why())));
        progress.changed(id);
      } else {
        return fail(request, next, ((StepResult.Failed) result).reason());
      }
    }
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
        log.info("Request #{}: {} failed ({}); trying again in {} ms", id, step.id(),
            e.getMessage(), wait.toMillis());
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

  private Outcome park(ProvisioningRequest request, StepId step, StepResult.Waiting waiting,
      Optional<StepRecord> before, RunStore.Snapshot snapshot) {
    boolean firstTime = before.map(r -> r.status() != StepStatus.WAITING).orElse(true);
    boolean news = firstTime || trigger instanceof Trigger.Person
        || !before.get().detail().equals(waiting.detail());
    // Only the bot's own looks count against the polling budget; a click or a duplicate does not.
    boolean ownPoll = !firstTime && trigger instanceof Trigger.Automatic;
    int polls = waiting.waitFor() != WaitFor.POLL || firstTime ? 0
        : snapshot.polls() + (ownPoll ? 1 : 0);
    Instant now = clock.instant();
    Optional<Instant> wakeAt = waiting.pollIn().map(now::plus);
    if (!firstTime && !ownPoll && waiting.waitFor() == WaitFor.POLL) {
      wakeAt = snapshot.waiting().flatMap(Wait::wakeAt).or(() -> waiting.pollIn().map(now::plus));
    }
    List<Notice> notices = new java.util.ArrayList<>();
    if (news) {
      notices.add(Notice.thread(id, ":double_vertical_bar: " + waiting.detail()));
    }
    if (firstTime) {
      notices.add(Notice.requester(id, Notices.waiting(request, step)));
    }
    runs.park(lease, new StepRecord(step, StepStatus.WAITING, waiting.detail(), Map.of(), now),
        new Wait(waiting.waitFor(), wakeAt, polls), notices);
    progress.changed(id);
    return Outcome.WAITING;
  }

  private Outcome fail(ProvisioningRequest request, StepId step, String reason) {
    Instant now = clock.instant();
    runs.fail(lease, new StepRecord(step, StepStatus.FAILED, reason, Map.of(), now),
        new AuditEvent(id, "bot", "STEP_FAILED", step.name() + ": " + reason, now),
        List.of(Notice.thread(id, Notices.stepFailed(step, reason)),
            Notice.requester(id, Notices.failed(request, step))));
    progress.changed(id);
    log.warn("Request #{} failed at {}: {}", id, step, reason);
    return Outcome.FAILED;
  }

  private Outcome finish(ProvisioningRequest request) {
    if (runs.advance(lease, RequestState.IN_PROGRESS, RequestState.DONE,
        new AuditEvent(id, "bot", "DONE", "provisioned " + request.spec().pipeline(),
            clock.instant()),
        List.of(Notice.requester(id, Notices.done(request))))) {
      progress.changed(id);
      log.info("Request #{} for {} is done", id, request.spec().pipeline());
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

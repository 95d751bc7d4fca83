package org.webops.dockerhubbot.provisioning;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.RateLimitedException;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.http.TransportException;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.Provisioning;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Carries out an approved request's steps in order. Stores every step's result, so that a run
 * resumes at its first unfinished step after a restart, on this instance or another; one runner
 * at a time holds a request's run lease. A transient API failure (5xx, 429, no answer) is tried
 * again a few times; any other failure stops the run at that step until someone clicks Retry.
 */
public final class ProvisioningRunner implements Provisioning, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProvisioningRunner.class);
  private static final int MAX_REWINDS = 2;

  /** How a call to {@link #run} ended. */
  public enum Outcome { FINISHED, WAITING, FAILED, BUSY, NOT_RUNNING, STOPPED }

  /**
   * @param lease how long a run may go without renewing its lease before another may take over
   * @param stepAttempts tries of a step whose API call fails transiently
   * @param stepBackoff the wait before the second try; doubled for each further one
   */
  public record Settings(Duration lease, int stepAttempts, Duration stepBackoff) {
    public static Settings defaults() {
      // A step's calls may take a few minutes at worst (timeouts times retries); renewed per step.
      return new Settings(Duration.ofMinutes(5), 4, Duration.ofSeconds(2));
    }
  }

  private final RequestRepository requests;
  private final RunStore runs;
  private final Plans plans;
  private final Progress progress;
  private final Executor executor;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Settings settings;
  private volatile boolean stopping;

  public ProvisioningRunner(RequestRepository requests, RunStore runs, Plans plans,
      Progress progress, Executor executor, Sleeper sleeper, Clock clock, Settings settings) {
    this.requests = requests;
    this.runs = runs;
    this.plans = plans;
    this.progress = progress;
    this.executor = executor;
    this.sleeper = sleeper;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public void start(ProvisioningRequest approved) {
    submit(approved.id(), Trigger.AUTOMATIC);
  }

  /** Runs the request on the executor. */
  public CompletableFuture<Outcome> submit(long requestId, Trigger trigger) {
    return submit(requestId, trigger, Duration.ZERO);
  }

  /** Runs the request on the executor after {@code delay}. */
  public CompletableFuture<Outcome> submit(long requestId, Trigger trigger, Duration delay) {
    Executor after = delay.isZero() ? executor
        : CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor);
    try {
      return CompletableFuture.supplyAsync(() -> run(requestId, trigger), after)
          .whenComplete((outcome, failure) -> {
            if (failure != null) {
              log.error("Run of request #{} broke off; the sweep starts it again", requestId,
                  failure);
            }
          });
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(Outcome.STOPPED);
    }
  }

  /** Starts every run that should be going and is not: at start-up and then periodically. */
  public void resumeDue() {
    for (long id : runs.due(clock.instant(), 50)) {
      submit(id, Trigger.AUTOMATIC);
    }
  }

  /** Runs the request here and now, if no one else is. */
  public Outcome run(long requestId, Trigger trigger) {
    if (stopping) {
      return Outcome.STOPPED;
    }
    String runId = UUID.randomUUID().toString();
    if (!runs.lease(requestId, runId, clock.instant(), clock.instant().plus(settings.lease()))) {
      return Outcome.BUSY;
    }
    try {
      return runLeased(requestId, runId, trigger);
    } catch (RuntimeException e) {
      if (stopping) {
        log.info("Run of request #{} stopped with the application; it resumes at start-up",
            requestId);
        return Outcome.STOPPED;
      }
      throw e;
    } finally {
      try {
        runs.release(requestId, runId);
      } catch (RuntimeException e) {
        log.info("Could not release the run lease of request #{} ({}); it runs out by itself",
            requestId, e.getMessage());
      }
    }
  }

  private Outcome runLeased(long requestId, String runId, Trigger trigger) {
    ProvisioningRequest request = requests.find(requestId).orElse(null);
    if (request == null) {
      return Outcome.NOT_RUNNING;
    }
    if (request.state() == RequestState.APPROVED) {
      runs.advance(requestId, RequestState.APPROVED, RequestState.IN_PROGRESS,
          new AuditEvent(requestId, "bot", "RUN_STARTED", "provisioning started", clock.instant()));
      request = requests.find(requestId).orElseThrow();
    }
    if (request.state() != RequestState.IN_PROGRESS) {
      return Outcome.NOT_RUNNING;
    }
    int rewinds = 0;
    List<StepId> plan = Plans.of(request.spec().kind());
    while (true) {
      if (stopping) {
        return Outcome.STOPPED;
      }
      RunStore.Snapshot snapshot = runs.snapshot(requestId);
      Map<String, String> facts = doneFacts(snapshot, plan);
      StepId next = plan.stream().filter(id -> !isDone(snapshot, id)).findFirst().orElse(null);
      if (next == null) {
        return finish(request);
      }
      if (!runs.renew(requestId, runId, clock.instant().plus(settings.lease()))) {
        log.warn("Request #{} lost its run lease; whoever holds it now goes on", requestId);
        return Outcome.BUSY;
      }
      Optional<StepRecord> before = snapshot.step(next);
      boolean wasWaiting = before.map(r -> r.status() == StepStatus.WAITING).orElse(false);
      if (!wasWaiting) {
        runs.record(requestId, new StepRecord(next, StepStatus.RUNNING, "", Map.of(), clock.instant()));
        progress.changed(requestId);
      }
      RunContext context = new RunContext(request, trigger, facts, snapshot.polls(),
          clock.instant());
      long started = System.nanoTime();
      StepResult result = attempt(plans.step(next), context, runId);
      log.info("Request #{}: {} {} after {} ms", requestId, next,
          result.getClass().getSimpleName(), (System.nanoTime() - started) / 1_000_000);
      if (stopping) {
        return Outcome.STOPPED;
      }
      if (result instanceof StepResult.Done done) {
        runs.record(requestId, new StepRecord(next, StepStatus.DONE, String.join("\n", done.lines()),
            done.facts(), clock.instant()));
        if (wasWaiting) {
          runs.waiting(requestId, Optional.empty(), Optional.empty(), 0);
        }
        progress.changed(requestId);
        progress.thread(request, Notices.stepDone(next, done, request.dryRun()));
      } else if (result instanceof StepResult.Waiting waiting) {
        return park(request, next, waiting, before, snapshot.polls(), trigger);
      } else if (result instanceof StepResult.Rewind rewind) {
        if (++rewinds > MAX_REWINDS) {
          return fail(request, next, "it kept needing to go back to "
              + rewind.step().label().toLowerCase() + ": " + rewind.why());
        }
        runs.reset(requestId, plan.subList(plan.indexOf(rewind.step()), plan.indexOf(next) + 1));
        progress.changed(requestId);
        progress.thread(request, ":leftwards_arrow_with_hook: " + rewind.why());
      } else {
        return fail(request, next, ((StepResult.Failed) result).reason());
      }
    }
  }

  private StepResult attempt(Step step, RunContext context, String runId) {
    Duration wait = settings.stepBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run(context);
      } catch (ApiException e) {
        if (stopping) {
          throw e;
        }
        if (!isTransient(e) || attempt >= settings.stepAttempts()) {
          return new StepResult.Failed(e.getMessage());
        }
        log.info("Request #{}: {} failed ({}); trying again in {} ms", context.requestId(),
            step.id(), e.getMessage(), wait.toMillis());
      } catch (RuntimeException e) {
        if (stopping) {
          throw e;
        }
        log.warn("Request #{}: {} failed", context.requestId(), step.id(), e);
        return new StepResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedIOException e) {
        throw new IllegalStateException("interrupted", e);
      }
      wait = wait.multipliedBy(2);
      runs.renew(context.requestId(), runId, clock.instant().plus(settings.lease()));
    }
  }

  private static boolean isTransient(ApiException e) {
    return e instanceof ServerErrorException || e instanceof RateLimitedException
        || e instanceof TransportException;
  }

  private Outcome park(ProvisioningRequest request, StepId step, StepResult.Waiting waiting,
      Optional<StepRecord> before, int pollsSoFar, Trigger trigger) {
    long id = request.id();
    boolean firstTime = before.map(r -> r.status() != StepStatus.WAITING).orElse(true);
    boolean news = firstTime || trigger == Trigger.PERSON
        || !before.get().detail().equals(waiting.detail());
    int polls = waiting.waitFor() == WaitFor.POLL && !firstTime ? pollsSoFar + 1 : 0;
    runs.record(id, new StepRecord(step, StepStatus.WAITING, waiting.detail(), Map.of(),
        clock.instant()));
    runs.waiting(id, Optional.of(waiting.waitFor()),
        waiting.pollIn().map(in -> clock.instant().plus(in)), polls);
    if (news) {
      progress.changed(id);
      progress.thread(request, ":double_vertical_bar: " + waiting.detail());
    }
    if (firstTime) {
      progress.tellRequester(request, Notices.waiting(request, step));
    }
    return Outcome.WAITING;
  }

  private Outcome fail(ProvisioningRequest request, StepId step, String reason) {
    long id = request.id();
    Instant now = clock.instant();
    runs.record(id, new StepRecord(step, StepStatus.FAILED, reason, Map.of(), now));
    runs.waiting(id, Optional.empty(), Optional.empty(), 0);
    runs.advance(id, RequestState.IN_PROGRESS, RequestState.FAILED,
        new AuditEvent(id, "bot", "STEP_FAILED", step.name() + ": " + reason, now));
    progress.changed(id);
    progress.thread(request, ":x: *" + step.label() + "* failed: " + SlackText.escape(reason)
        + "\nAn approver can click *Retry* on the card once the cause is fixed.");
    progress.tellRequester(request, Notices.failed(request, step));
    log.warn("Request #{} failed at {}: {}", id, step, reason);
    return Outcome.FAILED;
  }

  private Outcome finish(ProvisioningRequest request) {
    long id = request.id();
    if (runs.advance(id, RequestState.IN_PROGRESS, RequestState.DONE,
        new AuditEvent(id, "bot", "DONE", "provisioned " + request.spec().pipeline(),
            clock.instant()))) {
      progress.changed(id);
      progress.tellRequester(request, Notices.done(request));
      log.info("Request #{} for {} is done", id, request.spec().pipeline());
    }
    return Outcome.FINISHED;
  }

  /** Stops starting and finishing runs; a run cut short resumes at the next start-up. */
  @Override
  public void close() {
    stopping = true;
  }

  /** Moves a failed request back to in progress, once, however many click Retry at once. */
  public boolean retry(long requestId, AuditEvent audit) {
    boolean won = runs.advance(requestId, RequestState.FAILED, RequestState.IN_PROGRESS, audit);
    if (won) {
      progress.changed(requestId);
    }
    return won;
  }

  /**
   * What a step would see of the run now, for work a person asks for beside the run that only
   * reads it, such as sending the sign-up details again. Holds no lease.
   */
  public RunContext contextOf(long requestId) {
    ProvisioningRequest request = requests.find(requestId).orElseThrow();
    RunStore.Snapshot snapshot = runs.snapshot(requestId);
    return new RunContext(request, Trigger.PERSON,
        doneFacts(snapshot, Plans.of(request.spec().kind())), snapshot.polls(), clock.instant());
  }

  /** The facts of the plan's leading run of done steps: what the next step may rely on. */
  private static Map<String, String> doneFacts(RunStore.Snapshot snapshot, List<StepId> plan) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (StepId id : plan) {
      if (!isDone(snapshot, id)) {
        break;
      }
      facts.putAll(snapshot.step(id).orElseThrow().facts());
    }
    return facts;
  }

  private static boolean isDone(RunStore.Snapshot snapshot, StepId id) {
    return snapshot.step(id).map(r -> r.status() == StepStatus.DONE).orElse(false);
  }

  /** For the control buttons: whether a step of this request waits, and for what. */
  public Optional<StepRecord> waitingStep(long requestId) {
    return runs.snapshot(requestId).steps().stream()
        .filter(s -> s.status() == StepStatus.WAITING).findFirst();
  }
}

package org.webops.dockerhubbot.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.workflow.Progress;
import org.webops.dockerhubbot.workflow.Provisioning;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;

/**
 * Runs any operation on a credential through its plan of steps, each go under the operation's
 * run lease: one runner at a time, across instances. The lease is taken and renewed by the
 * database's clock, on a heartbeat while a step runs; a go that loses it stops before its next
 * external call or write. A sweep starts what is due (just opened, resumable after a crash, or a
 * poll whose time has come) without queueing an operation twice.
 */
public final class OperationRunner implements Provisioning, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

  /** How a call to {@link #run} ended. */
  public enum Outcome { FINISHED, WAITING, FAILED, BUSY, NOT_RUNNING, STOPPED }

  /**
   * @param lease how long a run may go without renewing its lease before another may take over
   * @param heartbeat how often a running go renews its lease
   * @param stepAttempts tries of a step whose API call fails transiently
   * @param stepBackoff the wait before the second try; doubled for each further one
   */
  public record Settings(Duration lease, Duration heartbeat, int stepAttempts,
      Duration stepBackoff) {
    public Settings {
      if (heartbeat.compareTo(lease.dividedBy(2)) > 0) {
        throw new IllegalArgumentException("the heartbeat must come at least twice per lease");
      }
    }

    /**
     * With the resume sweep every 10 s, a dead instance's runs are taken over within 40 s: the
     * lease runs out at most 30 s after its last renewal.
     */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), 4, Duration.ofSeconds(2));
    }
  }

  private final RequestRepository requests;
  private final RunStore runs;
  private final Plans plans;
  private final Progress progress;
  private final Executor executor;
  private final ScheduledExecutorService heartbeats;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Settings settings;
  private final String instance;
  private final RunMeter meter;
  /** Operations queued or running here, with how many goes: the sweep adds none to these. */
  private final Map<Long, Integer> here = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  /**
   * @param instance names this process in lease owners ({@code host:pid}), so that people can
   *     tell which instance holds a run
   */
  public OperationRunner(RequestRepository requests, RunStore runs, Plans plans,
      Progress progress, Executor executor, ScheduledExecutorService heartbeats, Sleeper sleeper,
      Clock clock, Settings settings, String instance) {
    this(requests, runs, plans, progress, executor, heartbeats, sleeper, clock, settings,
        instance, RunMeter.NONE);
  }

  /** @param meter told of operations started, finished and failed, and of every step's try */
  public OperationRunner(RequestRepository requests, RunStore runs, Plans plans,
      Progress progress, Executor executor, ScheduledExecutorService heartbeats, Sleeper sleeper,
      Clock clock, Settings settings, String instance, RunMeter meter) {
    this.requests = requests;
    this.runs = runs;
    this.plans = plans;
    this.progress = progress;
    this.executor = executor;
    this.heartbeats = heartbeats;
    this.sleeper = sleeper;
    this.clock = clock;
    this.settings = settings;
    this.instance = instance;
    this.meter = meter;
  }

  /** Starts the operation the approval opened. */
  @Override
  public void start(ProvisioningRequest approved) {
    runs.latest(approved.id()).filter(op -> op.status().isOpen())
        .ifPresent(op -> submit(op.id(), Trigger.AUTOMATIC));
  }

  /** Runs the operation on the executor. */
  public CompletableFuture<Outcome> submit(long operationId, Trigger trigger) {
    return submit(operationId, trigger, Duration.ZERO);
  }

  /**
   * Runs the operation on the executor after {@code delay}. An automatic go for an operation
   * already queued or running here is not added: the one there will do.
   */
  public CompletableFuture<Outcome> submit(long operationId, Trigger trigger, Duration delay) {
    if (trigger instanceof Trigger.Automatic && here.containsKey(operationId)) {
      return CompletableFuture.completedFuture(Outcome.BUSY);
    }
    here.merge(operationId, 1, Integer::sum);
    // The run sets its own log context; what the caller had (a click's request) comes along.
    Executor after = LogContext.carrying(delay.isZero() ? executor
        : CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor));
    try {
      return CompletableFuture.supplyAsync(() -> run(operationId, trigger), after)
          .whenComplete((outcome, failure) -> {
            here.computeIfPresent(operationId, (id, goes) -> goes == 1 ? null : goes - 1);
            if (failure != null && stopping) {
              log.info("Operation {} stopped with the application", operationId);
            } else if (failure != null) {
              log.error("Operation {} broke off; the sweep starts it again", operationId,
                  failure);
            }
          });
    } catch (RejectedExecutionException e) {
      here.computeIfPresent(operationId, (id, goes) -> goes == 1 ? null : goes - 1);
      return CompletableFuture.completedFuture(Outcome.STOPPED);
    }
  }

  /** Starts every operation that should be going and is not: at start-up and then periodically. */
  public void resumeDue() {
    for (long id : runs.due(clock.instant(), 50)) {
      submit(id, Trigger.AUTOMATIC);
    }
  }

  /** Runs the operation here and now, if no one else is. */
  public Outcome run(long operationId, Trigger trigger) {
    if (stopping) {
      return Outcome.STOPPED;
    }
    Optional<Operation> operation = runs.operation(operationId);
    if (operation.isEmpty()) {
      return Outcome.NOT_RUNNING;
    }
    try (LogContext.Scope scope = logContext(operation.get())) {
      try {
        return holding(operationId, lease -> new RunExecution(lease, trigger, requests, runs,
            plans, progress, sleeper, clock, settings, () -> stopping, meter).run())
            .orElse(Outcome.BUSY);
      } catch (RuntimeException e) {
        if (stopping) {
          log.info("Operation {} stopped with the application; it resumes at start-up",
              operationId);
          return Outcome.STOPPED;
        }
        throw e;
      }
    }
  }

  /**
   * Does {@code work} under the operation's run lease, renewed on the heartbeat, as a run does:
   * for what a person asks for beside the run. Empty when another runner holds the lease (or
   * this one lost it on the way), or the operation does not exist.
   */
  public <T> Optional<T> holding(long operationId, Function<RunLease, T> work) {
    Optional<Operation> operation = runs.operation(operationId);
    if (operation.isEmpty()) {
      return Optional.empty();
    }
    try (LogContext.Scope scope = logContext(operation.get())) {
      return leased(operation.get(), work);
    }
  }

  /** Log lines about the operation carry its request and its kind and id. */
  private static LogContext.Scope logContext(Operation operation) {
    return LogContext.operation(operation.requestId(), operation.id(), operation.kind().name());
  }

  private <T> Optional<T> leased(Operation operation, Function<RunLease, T> work) {
    long operationId = operation.id();
    String owner = instance + "/" + UUID.randomUUID();
    long sent = System.nanoTime();
    if (!runs.lease(operationId, owner, settings.lease())) {
      return Optional.empty();
    }
    RunLease lease = new RunLease(operationId, operation.requestId(), owner,
        settings.lease(), sent);
    ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(
        LogContext.carrying(() -> renew(lease)),
        settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    try {
      return Optional.of(work.apply(lease));
    } catch (LeaseLostException e) {
      log.warn("{}; whoever holds it now goes on", e.getMessage());
      return Optional.empty();
    } finally {
      heartbeat.cancel(false);
      try {
        runs.release(operationId, owner);
      } catch (RuntimeException e) {
        log.info("Could not release the run lease of operation {} ({}); it runs out by itself",
            operationId, e.getMessage());
      }
    }
  }

  private void renew(RunLease lease) {
    long sent = System.nanoTime();
    try {
      if (runs.renew(lease.operationId(), lease.owner(), settings.lease())) {
        lease.renewed(sent);
      } else {
        lease.lose("a renewal was refused");
      }
    } catch (RuntimeException e) {
      // The database did not answer: the local deadline runs on, and the run stops at it.
      log.warn("Renewing the run lease of operation {} failed: {}", lease.operationId(),
          e.getMessage());
    }
  }

  /** Stops starting and finishing runs; a run cut short resumes at the next start-up. */
  @Override
  public void close() {
    stopping = true;
  }

  /**
   * What a step would see of the run now, for work a person asks for beside the run (under
   * {@link #holding}), such as sending the sign-up details again.
   */
  public RunContext contextOf(RunLease lease, Trigger trigger) {
    ProvisioningRequest request = requests.find(lease.requestId()).orElseThrow();
    RunStore.Snapshot snapshot = runs.snapshot(lease.operationId());
    Operation operation = snapshot.operation().orElseThrow();
    return new RunContext(operation, request, trigger, RunExecution.doneFacts(snapshot,
        Plans.of(operation.kind(), request.spec().kind()).steps()), snapshot.polls(),
        clock.instant(), lease);
  }
}

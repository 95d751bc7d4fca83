package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcRequestRepository;
import org.webops.dockerhubbot.storage.JdbcRunStore;
import org.webops.dockerhubbot.storage.TestDatabases;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * The runner's lease against a real database (H2) with stand-in steps: renewed while a step runs,
 * fencing every write and every external call, and a sweep that never queues an operation twice.
 */
class OperationRunnerLeaseTest {
  /** The external call a step makes; the tests count it. */
  interface ExternalApi {
    void call();
  }

  @TempDir Path dir;
  private Database db;
  private RequestRepository requests;
  private JdbcRunStore store;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1);
  private final Map<StepId, Function<RunContext, StepResult>> behaviour = new EnumMap<>(StepId.class);
  private final Map<StepId, AtomicInteger> calls = new EnumMap<>(StepId.class);
  private long id;
  private long operation;

  @BeforeEach
  void setUp() {
    db = TestDatabases.h2(dir);
    requests = new JdbcRequestRepository(db.dataSource());
    store = new JdbcRunStore(db.dataSource());
    for (StepId step : StepId.values()) {
      behaviour.put(step, run -> StepResult.Done.with(step + " done"));
      calls.put(step, new AtomicInteger());
    }
    id = approvedRequest();
    operation = store.latest(id).orElseThrow().id();
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    heartbeats.shutdownNow();
    db.close();
  }

  @Test
  void stepLongerThanTheLease_leaseRenewedMeanwhile_sweepStartsNoSecondExecution()
      throws Exception {
    // given: a lease of one second and a step that runs until the lease was renewed twice
    CountDownLatch finish = new CountDownLatch(1);
    behaviour.put(StepId.CREATE_ORG_TOKEN, run -> {
      await(finish);
      return StepResult.Done.with("token");
    });
    OperationRunner runner = runner(store, Duration.ofSeconds(1), Duration.ofMillis(200), "a");
    var outcome = runner.submit(operation, Trigger.AUTOMATIC);
    Await.until(() -> calls.get(StepId.CREATE_ORG_TOKEN).get() == 1, Duration.ofSeconds(10),
        () -> "the step to start");
    Instant firstEnd = leaseEnd();

    // when: the sweep runs (on this instance and another) while the step outlives its first lease
    OperationRunner other = runner(store, Duration.ofSeconds(1), Duration.ofMillis(200), "b");
    Await.until(() -> {
      runner.resumeDue();
      other.resumeDue();
      return leaseEnd().isAfter(firstEnd.plusSeconds(1));
    }, Duration.ofSeconds(10), () -> "two renewals of the lease, the first end " + firstEnd);
    finish.countDown();

    // then
    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(OperationRunner.Outcome.FINISHED);
    assertThat(calls.get(StepId.CREATE_ORG_TOKEN).get()).isEqualTo(1);
    assertThat(requests.find(id).orElseThrow().state()).isEqualTo(RequestState.DONE);
    assertThat(new JdbcAuditLog(db.dataSource()).forRequest(id)).extracting(AuditEvent::action)
        .containsOnlyOnce("DONE");
  }

  @Test
  void leaseLostWhileAStepRuns_theStaleRunMakesNoFurtherCallAndWritesNothing() throws Exception {
    // given: a run whose renewals stop reaching the database (a partition, a long pause)
    ExternalApi api = mock(ExternalApi.class);
    CountDownLatch firstGoesOn = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    behaviour.put(StepId.CREATE_ORG_TOKEN, run -> {
      if (first.getAndSet(false)) {
        await(firstGoesOn);
      }
      run.lease().check(); // what every API client does before a call
      api.call();
      return StepResult.Done.with("token");
    });
    RunStore renewals = spy(store);
    OperationRunner stale = runner(renewals, Duration.ofMillis(600), Duration.ofMillis(100), "a");
    var staleOutcome = stale.submit(operation, Trigger.AUTOMATIC);
    Await.until(() -> calls.get(StepId.CREATE_ORG_TOKEN).get() == 1, Duration.ofSeconds(10),
        () -> "the step to start");
    doThrow(new IllegalStateException("the database did not answer")).when(renewals)
        .renew(anyLong(), anyString(), any());

    // when: the lease runs out by the database's clock and another instance takes the run over
    OperationRunner taker = runner(store, Duration.ofSeconds(30), Duration.ofSeconds(5), "b");
    Await.until(() -> taker.run(operation, Trigger.AUTOMATIC) == OperationRunner.Outcome.FINISHED,
        Duration.ofSeconds(10), () -> "the other instance to take over and finish");
    int progress = store.snapshot(operation).progress();
    firstGoesOn.countDown();

    // then: the stale run stops at its next call, and writes nothing
    assertThat(staleOutcome.get(10, TimeUnit.SECONDS)).isEqualTo(OperationRunner.Outcome.BUSY);
    verify(api, times(1)).call(); // the taker's call only
    assertThat(calls.get(StepId.WRITE_CIRCLECI).get()).isEqualTo(1);
    assertThat(store.snapshot(operation).progress()).isEqualTo(progress);
    assertThat(new JdbcAuditLog(db.dataSource()).forRequest(id)).extracting(AuditEvent::action)
        .containsOnlyOnce("DONE");
  }

  @Test
  void sweep_runAlreadyQueuedHere_notQueuedAgain() {
    // given: an executor that holds what it is given
    List<Runnable> queued = new ArrayList<>();
    OperationRunner runner = new OperationRunner(requests, store, plans(), requestId -> {},
        queued::add, heartbeats, Sleeper.REAL, Clock.systemUTC(),
        new OperationRunner.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), 1,
            Duration.ZERO), "a");

    // when: the sweep finds the approved request three times before its run starts
    runner.resumeDue();
    runner.resumeDue();
    runner.start(requests.find(id).orElseThrow());

    // then
    assertThat(queued).hasSize(1);
    queued.get(0).run();
    assertThat(requests.find(id).orElseThrow().state()).isEqualTo(RequestState.DONE);
    runner.resumeDue();
    assertThat(queued).as("done: nothing more to queue").hasSize(1);
  }

  @Test
  void waitingPollNotDueYet_automaticGo_callsNothingAndCountsNoPoll() throws Exception {
    // given: a run that waits for a poll due in an hour
    behaviour.put(StepId.CREATE_ORG_TOKEN, run -> new StepResult.Waiting(Prose.of("not yet"), WaitFor.POLL,
        Optional.of(Duration.ofHours(1))));
    OperationRunner runner = runner(store, Duration.ofSeconds(30), Duration.ofSeconds(10), "a");
    assertThat(runner.run(operation, Trigger.AUTOMATIC)).isEqualTo(OperationRunner.Outcome.WAITING);
    int progress = store.snapshot(operation).progress();

    // when: a duplicate automatic go, then "Check now"
    OperationRunner.Outcome duplicate = runner.run(operation, Trigger.AUTOMATIC);
    int callsAfterDuplicate = calls.get(StepId.CREATE_ORG_TOKEN).get();
    runner.run(operation, new Trigger.CheckNow("U1"));

    // then: the duplicate did nothing; the click looked, without using the polling budget
    assertThat(duplicate).isEqualTo(OperationRunner.Outcome.WAITING);
    assertThat(callsAfterDuplicate).isEqualTo(1);
    assertThat(calls.get(StepId.CREATE_ORG_TOKEN).get()).isEqualTo(2);
    assertThat(store.snapshot(operation).polls()).isZero();
    assertThat(store.snapshot(operation).progress()).isGreaterThan(progress);
  }

  @Test
  void retry_clickOnAFailureThatWasRetriedAndFailedAgain_retriesNothing() {
    // given: a run that failed
    behaviour.put(StepId.CREATE_ORG_TOKEN, run -> new StepResult.Failed("refused"));
    OperationRunner runner = runner(store, Duration.ofSeconds(30), Duration.ofSeconds(10), "a");
    assertThat(runner.run(operation, Trigger.AUTOMATIC)).isEqualTo(OperationRunner.Outcome.FAILED);
    int seen = store.snapshot(operation).progress();

    // when: two clicks that both saw that failure; the first retries and fails again
    OperationRunner.Outcome firstClick = runner.run(operation, new Trigger.Retry("U1", seen));
    OperationRunner.Outcome secondClick = runner.run(operation, new Trigger.Retry("U2", seen));

    // then
    assertThat(firstClick).isEqualTo(OperationRunner.Outcome.FAILED);
    assertThat(secondClick).isEqualTo(OperationRunner.Outcome.NOT_RUNNING);
    assertThat(calls.get(StepId.CREATE_ORG_TOKEN).get()).isEqualTo(2);
    assertThat(new JdbcAuditLog(db.dataSource()).forRequest(id)).extracting(AuditEvent::action)
        .containsOnlyOnce("RETRY");
  }

  private OperationRunner runner(RunStore runs, Duration lease, Duration heartbeat,
      String instance) {
    return new OperationRunner(requests, runs, plans(), requestId -> {}, executor, heartbeats,
        Sleeper.REAL, Clock.systemUTC(), new OperationRunner.Settings(lease, heartbeat, 1,
        Duration.ZERO), instance);
  }

  private Plans plans() {
    List<Step> steps = new ArrayList<>();
    for (StepId step : StepId.values()) {
      steps.add(new Step() {
        @Override
        public StepId id() {
          return step;
        }

        @Override
        public StepResult run(RunContext run) {
          calls.get(step).incrementAndGet();
          return behaviour.get(step).apply(run);
        }
      });
    }
    return new Plans(steps);
  }

  private long approvedRequest() {
    RequestSpec spec = new RequestSpec("gh/example/app", CredentialKind.ORG_TOKEN,
        TokenScope.READ_ONLY, List.of("*/*/public"), Optional.empty(), "DOCKER_USER",
        "DOCKER_ACCESS_TOKEN", 90, "test");
    Instant now = Instant.now();
    long request = requests.create(new RequestRepository.NewRequest("U1", Optional.empty(), spec,
        false, now, Optional.empty(), List.of(), x -> List.of())).id();
    requests.apply(request, Transition.APPROVE, Move.by("U2", now, ""));
    return request;
  }

  private Instant leaseEnd() {
    try (var connection = db.dataSource().getConnection();
        var statement = connection.prepareStatement(
            "SELECT run_lease_until FROM operations WHERE id = ?")) {
      statement.setLong(1, operation);
      try (var row = statement.executeQuery()) {
        row.next();
        var until = row.getObject(1, java.time.OffsetDateTime.class);
        return until == null ? Instant.EPOCH : until.toInstant();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the step finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

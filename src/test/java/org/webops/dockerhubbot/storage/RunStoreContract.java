package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.Prewritten;
import org.webops.dockerhubbot.notices.PendingNotice;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.LeaseLostException;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.RunLease;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.provisioning.Wait;
import org.webops.dockerhubbot.provisioning.WaitFor;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * What every {@link RunStore} must do, several instances sharing it; H2 and PostgreSQL. Leases
 * run on the database's clock, so the tests that let one run out wait for it (bounded).
 */
abstract class RunStoreContract {
  private static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration SHORT = Duration.ofMillis(300);

  @TempDir Path dir;
  private Database db;
  private RunStore runs;
  private long id;
  private long op;

  abstract Database openDatabase(Path dir);

  @BeforeEach
  void open() {
    db = openDatabase(dir);
    runs = new JdbcRunStore(db.dataSource());
    id = TestDatabases.insertRequest(db, "gh/example/app");
    setState(id, RequestState.APPROVED);
    op = openOperation(id, Operation.Status.OPEN);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private RunLease lease(long operation, String owner, Duration length) {
    long sent = System.nanoTime();
    assertThat(runs.lease(operation, owner, length)).as("lease for " + owner).isTrue();
    return new RunLease(operation, runs.operation(operation).orElseThrow().requestId(), owner,
        length, sent);
  }

  private static StepRecord step(StepId step, StepStatus status) {
    return new StepRecord(step, status, Prose.of(""), Map.of(), NOW);
  }

  @Test
  void record_thenSnapshot_returnsStepsWithFactsAndBumpsProgress() {
    RunLease lease = lease(op, "a", MINUTE);
    int before = runs.snapshot(op).progress();

    runs.record(lease, step(StepId.CREATE_ORG_TOKEN, StepStatus.RUNNING), List.of());
    runs.record(lease, new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.DONE, Prose.of("made it"),
        Map.of("token_id", "abc"), NOW), List.of());

    RunStore.Snapshot snapshot = runs.snapshot(op);
    assertThat(snapshot.steps()).singleElement().satisfies(step -> {
      assertThat(step.status()).isEqualTo(StepStatus.DONE);
      assertThat(step.detail().plain()).isEqualTo("made it");
      assertThat(step.facts()).isEqualTo(Map.of("token_id", "abc"));
      assertThat(step.at()).isEqualTo(NOW);
    });
    assertThat(snapshot.progress()).isEqualTo(before + 2);
  }

  @Test
  void park_thenRecord_waitIsStoredThenEnded() {
    RunLease lease = lease(op, "a", MINUTE);

    runs.park(lease, step(StepId.AWAIT_MEMBERSHIP, StepStatus.WAITING),
        new Wait(WaitFor.POLL, Optional.of(NOW.plusSeconds(60)), 3), List.of());
    assertThat(runs.snapshot(op).waiting())
        .contains(new Wait(WaitFor.POLL, Optional.of(NOW.plusSeconds(60)), 3));

    runs.record(lease, step(StepId.AWAIT_MEMBERSHIP, StepStatus.DONE), List.of());
    assertThat(runs.snapshot(op).waiting()).isEmpty();
  }

  @Test
  void reset_forgetsTheSteps() {
    RunLease lease = lease(op, "a", MINUTE);
    runs.record(lease, step(StepId.CREATE_ORG_TOKEN, StepStatus.DONE), List.of());
    runs.record(lease, step(StepId.WRITE_CIRCLECI, StepStatus.DONE), List.of());

    runs.reset(lease, List.of(StepId.CREATE_ORG_TOKEN, StepId.WRITE_CIRCLECI), List.of());

    assertThat(runs.snapshot(op).steps()).isEmpty();
  }

  @Test
  void lease_tenInstancesAtOnce_exactlyOneWins() throws Exception {
    assertThat(concurrently(10, i -> runs.lease(op, "run-" + i, MINUTE))).containsOnlyOnce(true);
  }

  @Test
  void lease_heldUntilItRunsOutByTheDatabaseClock_thenAnotherMayTakeIt() {
    RunLease a = lease(op, "a", SHORT);
    assertThat(runs.lease(op, "b", MINUTE)).isFalse();
    assertThat(runs.renew(op, "b", MINUTE)).isFalse();

    Await.until(() -> runs.lease(op, "b", MINUTE), Duration.ofSeconds(10),
        () -> "a's lease to run out");

    assertThat(runs.renew(op, "a", MINUTE)).as("a lost it").isFalse();
    runs.release(op, "a"); // not a's to release
    assertThat(runs.lease(op, "c", MINUTE)).isFalse();
    runs.release(op, "b");
    assertThat(runs.lease(op, "c", MINUTE)).isTrue();
    assertThat(a.owner()).isEqualTo("a");
  }

  @Test
  void everyRunWrite_ofARunnerThatLostItsLease_isRefusedAndChangesNothing() {
    RunLease a = lease(op, "a", SHORT);
    runs.record(a, step(StepId.CREATE_ORG_TOKEN, StepStatus.RUNNING), List.of());
    Await.until(() -> runs.lease(op, "b", MINUTE), Duration.ofSeconds(10),
        () -> "a's lease to run out and b to take it");
    int progress = runs.snapshot(op).progress();
    RunLease stale = new RunLease(op, id, "a", MINUTE, System.nanoTime()); // a still thinks it holds it

    List<Runnable> writes = List.of(
        () -> runs.record(stale, step(StepId.CREATE_ORG_TOKEN, StepStatus.DONE),
            List.of(Notice.thread(id, new Prewritten("done")))),
        () -> runs.park(stale, step(StepId.CREATE_ORG_TOKEN, StepStatus.WAITING),
            new Wait(WaitFor.PERSON, Optional.empty(), 0), List.of()),
        () -> runs.reset(stale, List.of(StepId.CREATE_ORG_TOKEN), List.of()),
        () -> runs.apply(stale, Transition.START, Move.ofBot(NOW, "")),
        () -> runs.fail(stale, step(StepId.CREATE_ORG_TOKEN, StepStatus.FAILED),
            Optional.of(Transition.FAIL), Move.ofBot(NOW, "")),
        () -> runs.finish(stale, Transition.FINISH, Move.ofBot(NOW, "")),
        () -> runs.note(stale, new AuditEvent(id, "U1", "NOTE", "", NOW), List.of()),
        () -> new JdbcCredentialStore(db.dataSource()).tokenIntended(stale, 1, "label",
            CredentialStore.TokenKind.ORG_TOKEN, Optional.empty(), NOW),
        () -> new JdbcCredentialStore(db.dataSource()).variablesWritten(stale, "project:x",
            List.of("A"), Optional.empty(), NOW));
    for (Runnable write : writes) {
      assertThatThrownBy(write::run).isInstanceOf(LeaseLostException.class);
    }

    assertThat(stale.isLost()).isTrue();
    assertThat(runs.snapshot(op).steps()).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.RUNNING));
    assertThat(runs.snapshot(op).progress()).isEqualTo(progress);
    assertThat(TestDatabases.countRows(db, "outbox")).isZero();
    assertThat(TestDatabases.countRows(db, "credential_tokens")).isZero();
    assertThat(TestDatabases.countRows(db, "written_variables")).isZero();
    assertThat(TestDatabases.dumpTable(db, "audit_events")).doesNotContain("NOTE", "RUN_STARTED");
    assertThat(TestDatabases.dumpTable(db, "requests")).contains("state=APPROVED");
  }

  @Test
  void due_open_notLeased_notWaitingForAPerson_orPollDue() {
    long waitingForPerson = inProgress("gh/example/b");
    runs.park(lease(waitingForPerson, "w", MINUTE), step(StepId.VERIFY_SIGN_UP, StepStatus.WAITING),
        new Wait(WaitFor.PERSON, Optional.empty(), 0), List.of());
    long pollDue = inProgress("gh/example/c");
    runs.park(lease(pollDue, "w", MINUTE), step(StepId.AWAIT_MEMBERSHIP, StepStatus.WAITING),
        new Wait(WaitFor.POLL, Optional.of(NOW.minusSeconds(1)), 3), List.of());
    long pollLater = inProgress("gh/example/d");
    runs.park(lease(pollLater, "w", MINUTE), step(StepId.AWAIT_MEMBERSHIP, StepStatus.WAITING),
        new Wait(WaitFor.POLL, Optional.of(NOW.plusSeconds(60)), 3), List.of());
    runs.releaseAll();
    long leased = inProgress("gh/example/e");
    runs.lease(leased, "x", MINUTE);
    long failed = TestDatabases.insertRequest(db, "gh/example/f");
    setState(failed, RequestState.FAILED);
    openOperation(failed, Operation.Status.FAILED);

    assertThat(runs.due(NOW, 10)).containsExactly(op, pollDue);
    assertThat(runs.snapshot(pollDue).polls()).isEqualTo(3);
    runs.releaseAll();
    assertThat(runs.due(NOW, 10)).containsExactly(op, pollDue, leased);
  }

  @Test
  void retry_onlyAtTheProgressTheClickerSaw_onceWithOneAuditRow() {
    setState(id, RequestState.FAILED);
    setStatus(op, Operation.Status.FAILED);
    RunLease lease = lease(op, "a", MINUTE);
    int seen = runs.snapshot(op).progress();
    Optional<Transition> back = Optional.of(Transition.RETRY);

    assertThat(runs.retry(lease, seen + 1, back, Move.by("U1", NOW, ""))).isFalse();
    assertThat(runs.retry(lease, seen, back, Move.by("U1", NOW, ""))).isTrue();
    assertThat(runs.retry(lease, seen, back, Move.by("U2", NOW, ""))).isFalse();

    assertThat(TestDatabases.dumpTable(db, "audit_events")).containsOnlyOnce("RETRY");
    assertThat(TestDatabases.dumpTable(db, "requests")).contains("IN_PROGRESS");
    assertThat(runs.operation(op).orElseThrow().status()).isEqualTo(Operation.Status.OPEN);
  }

  @Test
  void fail_storesTheStepMovesTheStateAndWritesItsNotices() {
    setState(id, RequestState.IN_PROGRESS);
    RunLease lease = lease(op, "a", MINUTE);

    runs.fail(lease, new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.FAILED, Prose.of("403"),
        Map.of(), NOW), Optional.of(Transition.FAIL), Move.ofBot(NOW, "403").alsoTelling(
            Notice.thread(id, new Prewritten("failed here")),
            Notice.requester(id, new Prewritten("it stopped"))));

    assertThat(TestDatabases.dumpTable(db, "requests")).contains("state=FAILED");
    assertThat(runs.operation(op).orElseThrow().status()).isEqualTo(Operation.Status.FAILED);
    assertThat(runs.due(NOW, 10)).as("a failed operation waits for Retry").isEmpty();
    assertThat(TestDatabases.dumpTable(db, "outbox")).contains("failed here", "it stopped");
  }

  @Test
  void notices_claimedOnePerRequestInOrder_andOnlyByOneOwner() {
    RunLease lease = lease(op, "a", MINUTE);
    runs.record(lease, step(StepId.CREATE_ORG_TOKEN, StepStatus.DONE),
        List.of(Notice.thread(id, new Prewritten("first")), Notice.requester(id, new Prewritten("second"))));
    JdbcNotices outbox = new JdbcNotices(db.dataSource());

    List<PendingNotice> claimed = outbox.claim("relay-1", MINUTE, 10);
    assertThat(claimed).singleElement().satisfies(n -> {
      assertThat(((Prewritten) n.notice().event()).text()).isEqualTo("first");
      assertThat(n.triedBefore()).isFalse();
    });
    assertThat(outbox.claim("relay-2", MINUTE, 10)).as("the second waits for the first").isEmpty();

    outbox.delivered(claimed.get(0).id(), "relay-1");
    assertThat(outbox.claim("relay-2", MINUTE, 10)).extracting(n -> ((Prewritten) n.notice().event()).text())
        .containsExactly("second");
  }

  @Test
  void notices_leaseRunOut_claimedAgainAndKnownToHaveBeenTried() {
    runs.note(lease(op, "a", MINUTE), new AuditEvent(id, "U1", "NOTE", "", NOW),
        List.of(Notice.thread(id, new Prewritten("reply"))));
    JdbcNotices outbox = new JdbcNotices(db.dataSource());
    assertThat(outbox.claim("relay-1", SHORT, 10)).hasSize(1);

    List<PendingNotice> again = new ArrayList<>();
    Await.until(() -> again.addAll(outbox.claim("relay-2", MINUTE, 10)), Duration.ofSeconds(10),
        () -> "relay-1's lease to run out");

    assertThat(again).singleElement().satisfies(n -> assertThat(n.triedBefore()).isTrue());
    outbox.retryLater(again.get(0).id(), "relay-2", MINUTE);
    assertThat(outbox.claim("relay-3", MINUTE, 10)).as("not due for a minute").isEmpty();
  }

  @Test
  void finish_closesTheOperation_aNewOneCanOpen() {
    setState(id, RequestState.IN_PROGRESS);
    RunLease lease = lease(op, "a", MINUTE);

    assertThat(runs.finish(lease, Transition.FINISH, Move.ofBot(NOW, "done"))).isTrue();

    assertThat(runs.operation(op).orElseThrow().status()).isEqualTo(Operation.Status.DONE);
    assertThat(runs.due(NOW, 10)).isEmpty();
    long next = openOperation(id, Operation.Status.OPEN);
    assertThat(runs.latest(id).orElseThrow().id()).isEqualTo(next);
    assertThat(runs.snapshot(next).steps()).as("a new operation starts from nothing").isEmpty();
  }

  @Test
  void openOperation_secondWhileOneIsOpen_refusedByTheDatabase() {
    assertThatThrownBy(() -> openOperation(id, Operation.Status.OPEN))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void reserveDockerId_takenByAnotherRequest_refused() {
    long other = TestDatabases.insertRequest(db, "gh/example/other");
    CredentialStore credentials = new JdbcCredentialStore(db.dataSource());

    assertThat(credentials.reserveDockerId("app", id)).isTrue();
    assertThat(credentials.reserveDockerId("app", other)).isFalse();
    assertThat(credentials.reserveDockerId("app2", other)).isTrue();
    assertThat(credentials.dockerIdOf(id)).contains("app");
    assertThat(credentials.dockerIdOf(other)).contains("app2");
  }

  /** A request in progress; its open operation's id. */
  private long inProgress(String pipeline) {
    long request = TestDatabases.insertRequest(db, pipeline);
    setState(request, RequestState.IN_PROGRESS);
    return openOperation(request, Operation.Status.OPEN);
  }

  private long openOperation(long request, Operation.Status status) {
    new Jdbc(db.dataSource()).update("INSERT INTO operations (request_id, kind, status,"
        + " open_request, started_by, created_at) VALUES (?, ?, ?, ?, ?, ?)", request,
        OperationKind.PROVISION.name(), status.name(), status.isOpen() ? request : null, "U2",
        NOW);
    return runs.latest(request).orElseThrow().id();
  }

  private void setStatus(long operation, Operation.Status status) {
    new Jdbc(db.dataSource()).update("UPDATE operations SET status = ? WHERE id = ?",
        status.name(), operation);
  }

  private void setState(long request, RequestState state) {
    new Jdbc(db.dataSource()).update("UPDATE requests SET state = ? WHERE id = ?", state.name(),
        request);
  }

  private static <T> List<T> concurrently(int n, IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.add(pool.submit(() -> {
        go.await();
        return task.apply(index);
      }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(10, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return results;
  }
}

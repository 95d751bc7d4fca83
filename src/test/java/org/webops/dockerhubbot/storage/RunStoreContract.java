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
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.PendingNotice;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.LeaseLostException;
import org.webops.dockerhubbot.provisioning.RunLease;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.provisioning.Wait;
import org.webops.dockerhubbot.provisioning.WaitFor;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.workflow.RequestState;

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

  abstract Database openDatabase(Path dir);

  @BeforeEach
  void open() {
    db = openDatabase(dir);
    runs = new JdbcRunStore(db.dataSource());
    id = TestDatabases.insertRequest(db, "gh/example/app");
    setState(id, RequestState.APPROVED);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private RunLease lease(long request, String owner, Duration length) {
    long sent = System.nanoTime();
    assertThat(runs.lease(request, owner, length)).as("lease for " + owner).isTrue();
    return new RunLease(request, owner, length, sent);
  }

  private static StepRecord step(StepId step, StepStatus status) {
    return new StepRecord(step, status, "", Map.of(), NOW);
  }

  @Test
  void record_thenSnapshot_returnsStepsWithFactsAndBumpsProgress() {
    RunLease lease = lease(id, "a", MINUTE);
    int before = runs.snapshot(id).progress();

    runs.record(lease, step(StepId.CREATE_ORG_TOKEN, StepStatus.RUNNING), List.of());
    runs.record(lease, new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.DONE, "made it",
        Map.of("token_id", "abc"), NOW), List.of());

    RunStore.Snapshot snapshot = runs.snapshot(id);
    assertThat(snapshot.steps()).singleElement().satisfies(step -> {
      assertThat(step.status()).isEqualTo(StepStatus.DONE);
      assertThat(step.detail()).isEqualTo("made it");
      assertThat(step.facts()).isEqualTo(Map.of("token_id", "abc"));
      assertThat(step.at()).isEqualTo(NOW);
    });
    assertThat(snapshot.progress()).isEqualTo(before + 2);
  }

  @Test
  void park_thenRecord_waitIsStoredThenEnded() {
    RunLease lease = lease(id, "a", MINUTE);

    runs.park(lease, step(StepId.AWAIT_MEMBERSHIP, StepStatus.WAITING),
        new Wait(WaitFor.POLL, Optional.of(NOW.plusSeconds(60)), 3), List.of());
    assertThat(runs.snapshot(id).waiting())
        .contains(new Wait(WaitFor.POLL, Optional.of(NOW.plusSeconds(60)), 3));

    runs.record(lease, step(StepId.AWAIT_MEMBERSHIP, StepStatus.DONE), List.of());
    assertThat(runs.snapshot(id).waiting()).isEmpty();
  }

  @Test
  void reset_forgetsTheSteps() {
    RunLease lease = lease(id, "a", MINUTE);
    runs.record(lease, step(StepId.CREATE_ORG_TOKEN, StepStatus.DONE), List.of());
    runs.record(lease, step(StepId.WRITE_CIRCLECI, StepStatus.DONE), List.of());

    runs.reset(lease, List.of(StepId.CREATE_ORG_TOKEN, StepId.WRITE_CIRCLECI), List.of());

    assertThat(runs.snapshot(id).steps()).isEmpty();
  }

  @Test
  void lease_tenInstancesAtOnce_exactlyOneWins() throws Exception {
    assertThat(concurrently(10, i -> runs.lease(id, "run-" + i, MINUTE))).containsOnlyOnce(true);
  }

  @Test
  void lease_heldUntilItRunsOutByTheDatabaseClock_thenAnotherMayTakeIt() {
    RunLease a = lease(id, "a", SHORT);
    assertThat(runs.lease(id, "b", MINUTE)).isFalse();
    assertThat(runs.renew(id, "b", MINUTE)).isFalse();

    Await.until(() -> runs.lease(id, "b", MINUTE), Duration.ofSeconds(10),
        () -> "a's lease to run out");

    assertThat(runs.renew(id, "a", MINUTE)).as("a lost it").isFalse();
    runs.release(id, "a"); // not a's to release
    assertThat(runs.lease(id, "c", MINUTE)).isFalse();
    runs.release(id, "b");
    assertThat(runs.lease(id, "c", MINUTE)).isTrue();
    assertThat(a.owner()).isEqualTo("a");
  }

  @Test
  void everyRunWrite_ofARunnerThatLostItsLease_isRefusedAndChangesNothing() {
    RunLease a = lease(id, "a", SHORT);
    runs.record(a, step(StepId.CREATE_ORG_TOKEN, StepStatus.RUNNING), List.of());
    Await.until(() -> runs.lease(id, "b", MINUTE), Duration.ofSeconds(10),
        () -> "a's lease to run out and b to take it");
    int progress = runs.snapshot(id).progress();
    RunLease stale = new RunLease(id, "a", MINUTE, System.nanoTime()); // a still thinks it holds it

    List<Runnable> writes = List.of(
        () -> runs.record(stale, step(StepId.CREATE_ORG_TOKEN, StepStatus.DONE),
            List.of(Notice.thread(id, "done"))),
        () -> runs.park(stale, step(StepId.CREATE_ORG_TOKEN, StepStatus.WAITING),
            new Wait(WaitFor.PERSON, Optional.empty(), 0), List.of()),
        () -> runs.reset(stale, List.of(StepId.CREATE_ORG_TOKEN), List.of()),
        () -> runs.advance(stale, RequestState.APPROVED, RequestState.IN_PROGRESS,
            new AuditEvent(id, "bot", "RUN_STARTED", "", NOW), List.of()),
        () -> runs.fail(stale, step(StepId.CREATE_ORG_TOKEN, StepStatus.FAILED),
            new AuditEvent(id, "bot", "STEP_FAILED", "", NOW), List.of()),
        () -> runs.note(stale, new AuditEvent(id, "U1", "NOTE", "", NOW), List.of()),
        () -> new JdbcCredentialStore(db.dataSource()).tokenIntended(stale, 1, "label",
            CredentialStore.TokenKind.ORG_TOKEN, NOW),
        () -> new JdbcCredentialStore(db.dataSource()).variablesWritten(stale, "project:x",
            List.of("A"), Optional.empty(), NOW));
    for (Runnable write : writes) {
      assertThatThrownBy(write::run).isInstanceOf(LeaseLostException.class);
    }

    assertThat(stale.isLost()).isTrue();
    assertThat(runs.snapshot(id).steps()).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.RUNNING));
    assertThat(runs.snapshot(id).progress()).isEqualTo(progress);
    assertThat(TestDatabases.countRows(db, "outbox")).isZero();
    assertThat(TestDatabases.countRows(db, "credential_tokens")).isZero();
    assertThat(TestDatabases.countRows(db, "written_variables")).isZero();
    assertThat(TestDatabases.dumpTable(db, "audit_events")).doesNotContain("NOTE", "RUN_STARTED");
    assertThat(TestDatabases.dumpTable(db, "requests")).contains("state=APPROVED");
  }

  @Test
  void due_approvedOrInProgress_notLeased_notWaitingForAPerson_orPollDue() {
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

    assertThat(runs.due(NOW, 10)).containsExactly(id, pollDue);
    assertThat(runs.snapshot(pollDue).polls()).isEqualTo(3);
    runs.releaseAll();
    assertThat(runs.due(NOW, 10)).containsExactly(id, pollDue, leased);
  }

  @Test
  void retry_onlyAtTheProgressTheClickerSaw_onceWithOneAuditRow() {
    RunLease lease = lease(id, "a", MINUTE);
    setState(id, RequestState.FAILED);
    int seen = runs.snapshot(id).progress();

    assertThat(runs.retry(lease, seen + 1, new AuditEvent(id, "U1", "RETRY", "", NOW))).isFalse();
    assertThat(runs.retry(lease, seen, new AuditEvent(id, "U1", "RETRY", "", NOW))).isTrue();
    assertThat(runs.retry(lease, seen, new AuditEvent(id, "U2", "RETRY", "", NOW))).isFalse();

    assertThat(TestDatabases.dumpTable(db, "audit_events")).containsOnlyOnce("RETRY");
    assertThat(TestDatabases.dumpTable(db, "requests")).contains("IN_PROGRESS");
  }

  @Test
  void fail_storesTheStepMovesTheStateAndWritesItsNotices() {
    setState(id, RequestState.IN_PROGRESS);
    RunLease lease = lease(id, "a", MINUTE);

    runs.fail(lease, new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.FAILED, "403", Map.of(),
        NOW), new AuditEvent(id, "bot", "STEP_FAILED", "403", NOW),
        List.of(Notice.thread(id, "failed here"), Notice.requester(id, "it stopped")));

    assertThat(TestDatabases.dumpTable(db, "requests")).contains("state=FAILED");
    assertThat(TestDatabases.dumpTable(db, "outbox")).contains("failed here", "it stopped");
  }

  @Test
  void notices_claimedOnePerRequestInOrder_andOnlyByOneOwner() {
    RunLease lease = lease(id, "a", MINUTE);
    runs.record(lease, step(StepId.CREATE_ORG_TOKEN, StepStatus.DONE),
        List.of(Notice.thread(id, "first"), Notice.requester(id, "second")));
    JdbcNotices outbox = new JdbcNotices(db.dataSource());

    List<PendingNotice> claimed = outbox.claim("relay-1", MINUTE, 10);
    assertThat(claimed).singleElement().satisfies(n -> {
      assertThat(n.notice().text()).isEqualTo("first");
      assertThat(n.triedBefore()).isFalse();
    });
    assertThat(outbox.claim("relay-2", MINUTE, 10)).as("the second waits for the first").isEmpty();

    outbox.delivered(claimed.get(0).id(), "relay-1");
    assertThat(outbox.claim("relay-2", MINUTE, 10)).extracting(n -> n.notice().text())
        .containsExactly("second");
  }

  @Test
  void notices_leaseRunOut_claimedAgainAndKnownToHaveBeenTried() {
    runs.note(lease(id, "a", MINUTE), new AuditEvent(id, "U1", "NOTE", "", NOW),
        List.of(Notice.thread(id, "reply")));
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
  void reserveDockerId_takenByAnotherRequest_refused() {
    long other = TestDatabases.insertRequest(db, "gh/example/other");

    assertThat(runs.reserveDockerId("app", id)).isTrue();
    assertThat(runs.reserveDockerId("app", other)).isFalse();
    assertThat(runs.reserveDockerId("app2", other)).isTrue();
    assertThat(runs.dockerIdOf(id)).contains("app");
    assertThat(runs.dockerIdOf(other)).contains("app2");
  }

  private long inProgress(String pipeline) {
    long request = TestDatabases.insertRequest(db, pipeline);
    setState(request, RequestState.IN_PROGRESS);
    return request;
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

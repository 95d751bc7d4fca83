package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.provisioning.WaitFor;
import org.webops.dockerhubbot.workflow.RequestState;

/** What every {@link RunStore} must do, several instances sharing it; H2 and PostgreSQL. */
abstract class RunStoreContract {
  private static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");

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

  @Test
  void record_thenSnapshot_returnsStepsWithFactsAndBumpsProgress() {
    int before = runs.snapshot(id).progress();

    runs.record(id, new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.RUNNING, "", Map.of(), NOW));
    runs.record(id, new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.DONE, "made it",
        Map.of("token_id", "abc"), NOW));

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
  void reset_forgetsTheSteps() {
    runs.record(id, new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.DONE, "", Map.of(), NOW));
    runs.record(id, new StepRecord(StepId.WRITE_CIRCLECI, StepStatus.DONE, "", Map.of(), NOW));

    runs.reset(id, List.of(StepId.CREATE_ORG_TOKEN, StepId.WRITE_CIRCLECI));

    assertThat(runs.snapshot(id).steps()).isEmpty();
  }

  @Test
  void lease_tenInstancesAtOnce_exactlyOneWins() throws Exception {
    assertThat(concurrently(10, i -> runs.lease(id, "run-" + i, NOW, NOW.plusSeconds(60))))
        .containsOnlyOnce(true);
  }

  @Test
  void lease_heldUntilItRunsOut_thenAnotherMayTakeIt() {
    assertThat(runs.lease(id, "a", NOW, NOW.plusSeconds(60))).isTrue();
    assertThat(runs.lease(id, "b", NOW.plusSeconds(59), NOW.plusSeconds(120))).isFalse();
    assertThat(runs.renew(id, "b", NOW.plusSeconds(120))).isFalse();
    assertThat(runs.lease(id, "b", NOW.plusSeconds(61), NOW.plusSeconds(120))).isTrue();
    assertThat(runs.renew(id, "a", NOW.plusSeconds(200))).isFalse(); // a lost it
    runs.release(id, "a"); // not a's to release
    assertThat(runs.lease(id, "c", NOW.plusSeconds(62), NOW.plusSeconds(120))).isFalse();
    runs.release(id, "b");
    assertThat(runs.lease(id, "c", NOW.plusSeconds(62), NOW.plusSeconds(120))).isTrue();
  }

  @Test
  void due_approvedOrInProgress_notLeased_notWaitingForAPerson_orPollDue() {
    long waitingForPerson = TestDatabases.insertRequest(db, "gh/example/b");
    setState(waitingForPerson, RequestState.IN_PROGRESS);
    runs.waiting(waitingForPerson, Optional.of(WaitFor.PERSON), Optional.empty(), 0);
    long pollDue = TestDatabases.insertRequest(db, "gh/example/c");
    setState(pollDue, RequestState.IN_PROGRESS);
    runs.waiting(pollDue, Optional.of(WaitFor.POLL), Optional.of(NOW.minusSeconds(1)), 3);
    long pollLater = TestDatabases.insertRequest(db, "gh/example/d");
    setState(pollLater, RequestState.IN_PROGRESS);
    runs.waiting(pollLater, Optional.of(WaitFor.POLL), Optional.of(NOW.plusSeconds(60)), 3);
    long leased = TestDatabases.insertRequest(db, "gh/example/e");
    setState(leased, RequestState.IN_PROGRESS);
    runs.lease(leased, "x", NOW, NOW.plusSeconds(60));
    long failed = TestDatabases.insertRequest(db, "gh/example/f");
    setState(failed, RequestState.FAILED);

    assertThat(runs.due(NOW, 10)).containsExactly(id, pollDue);
    assertThat(runs.snapshot(pollDue).polls()).isEqualTo(3);
    runs.releaseAll();
    assertThat(runs.due(NOW, 10)).containsExactly(id, pollDue, leased);
  }

  @Test
  void advance_tenAtOnce_oneWinsWithOneAuditRow() throws Exception {
    setState(id, RequestState.FAILED);

    List<Boolean> won = concurrently(10, i -> runs.advance(id, RequestState.FAILED,
        RequestState.IN_PROGRESS, new AuditEvent(id, "U" + i, "RETRY", "", NOW)));

    assertThat(won).containsOnlyOnce(true);
    assertThat(TestDatabases.dumpTable(db, "audit_events")).containsOnlyOnce("RETRY");
    assertThat(TestDatabases.dumpTable(db, "requests")).contains("IN_PROGRESS");
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

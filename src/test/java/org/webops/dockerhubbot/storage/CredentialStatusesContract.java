package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.health.Credential;
import org.webops.dockerhubbot.health.CredentialHealthChanged;
import org.webops.dockerhubbot.health.CredentialStatuses.Change;
import org.webops.dockerhubbot.health.CredentialStatuses.Known;
import org.webops.dockerhubbot.health.CredentialStatuses.Outcome;
import org.webops.dockerhubbot.health.CredentialStatuses.Recorded;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.PendingNotice;

/**
 * The credentials' last verdicts on H2 and PostgreSQL alike: a first ok is stored silently, a
 * change is written once with its notice and audit row, and many instances that see the same
 * change at once post it once.
 */
abstract class CredentialStatusesContract {
  private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
  private static final Credential HUB = Credential.DOCKERHUB_ADMIN;
  private static final String WRONG = "Docker Hub refused the admin login";

  @TempDir Path dir;
  private Database db;
  private JdbcCredentialStatuses statuses;

  abstract Database openDatabase(Path dir);

  @BeforeEach
  void open() {
    db = openDatabase(dir);
    statuses = new JdbcCredentialStatuses(db.dataSource());
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private Outcome record(JdbcCredentialStatuses store, boolean ok, String reason, Instant at) {
    return store.record(HUB, ok, reason, at, previous -> change(ok, reason, previous, at));
  }

  private static Change change(boolean ok, String reason, Optional<Known> previous, Instant at) {
    CredentialHealthChanged event = ok
        ? new CredentialHealthChanged(HUB, true, previous.orElseThrow().reason(),
            previous.orElseThrow().since(), at)
        : new CredentialHealthChanged(HUB, false, reason, at, at);
    return new Change(List.of(Notice.channel(event)), List.of(new AuditEvent(null, "bot",
        ok ? "CREDENTIAL_FIXED" : "CREDENTIAL_FAILING", HUB.key(), at)));
  }

  @Test
  void record_firstOk_storedSilently() {
    Outcome outcome = record(statuses, true, null, NOW);

    assertThat(outcome.recorded()).isEqualTo(Recorded.UNCHANGED);
    assertThat(TestDatabases.countRows(db, "outbox")).isZero();
    assertThat(TestDatabases.countRows(db, "audit_events")).isZero();
    assertThat(TestDatabases.countRows(db, "credential_health")).isEqualTo(1);
  }

  @Test
  void record_firstFailing_changedWithNoticeAndAudit() {
    Outcome outcome = record(statuses, false, WRONG, NOW);

    assertThat(outcome.recorded()).isEqualTo(Recorded.CHANGED);
    assertThat(outcome.now()).isEqualTo(new Known(false, WRONG, NOW));
    List<PendingNotice> pending = new JdbcNotices(db.dataSource()).claim("test",
        Duration.ofSeconds(30), 10);
    assertThat(pending).extracting(p -> p.notice().event())
        .containsExactly(new CredentialHealthChanged(HUB, false, WRONG, NOW, NOW));
    assertThat(pending.get(0).notice().audience()).isEqualTo(Notice.Audience.CHANNEL);
    assertThat(TestDatabases.countRows(db, "audit_events")).isEqualTo(1);
  }

  @Test
  void record_failingTwiceThenOk_oneFailureOneFixKeepingSince() {
    record(statuses, true, null, NOW);
    Instant failedAt = NOW.plus(Duration.ofDays(1));
    assertThat(record(statuses, false, WRONG, failedAt).recorded()).isEqualTo(Recorded.CHANGED);

    Outcome again = record(statuses, false, "another reason", failedAt.plus(Duration.ofDays(1)));
    assertThat(again.recorded()).isEqualTo(Recorded.UNCHANGED);
    assertThat(again.now()).isEqualTo(new Known(false, "another reason", failedAt));

    AtomicReference<Optional<Known>> seen = new AtomicReference<>();
    Instant fixedAt = failedAt.plus(Duration.ofDays(2));
    Outcome fixed = statuses.record(HUB, true, null, fixedAt, previous -> {
      seen.set(previous);
      return change(true, null, previous, fixedAt);
    });

    assertThat(fixed.recorded()).isEqualTo(Recorded.CHANGED);
    assertThat(seen.get()).contains(new Known(false, "another reason", failedAt));
    assertThat(TestDatabases.countRows(db, "outbox")).isEqualTo(2);
    assertThat(TestDatabases.countRows(db, "audit_events")).isEqualTo(2);
  }

  @Test
  void record_sameFailureByManyInstancesAtOnce_postedOnce() throws Exception {
    record(statuses, true, null, NOW);
    assertThat(concurrently(6, false)).filteredOn(Recorded.CHANGED::equals).hasSize(1);
    assertThat(TestDatabases.countRows(db, "outbox")).isEqualTo(1);
    assertThat(TestDatabases.countRows(db, "audit_events")).isEqualTo(1);

    assertThat(concurrently(6, true)).filteredOn(Recorded.CHANGED::equals).hasSize(1);
    assertThat(TestDatabases.countRows(db, "outbox")).isEqualTo(2);
  }

  @Test
  void record_firstFailureByManyInstancesAtOnce_postedOnce() throws Exception {
    assertThat(concurrently(6, false)).filteredOn(Recorded.CHANGED::equals).hasSize(1);
    assertThat(TestDatabases.countRows(db, "outbox")).isEqualTo(1);
  }

  private List<Recorded> concurrently(int instances, boolean ok) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Recorded>> results = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return record(new JdbcCredentialStatuses(db.dataSource()), ok, ok ? null : WRONG,
              NOW.plus(Duration.ofDays(1))).recorded();
        }));
      }
      start.countDown();
      List<Recorded> outcomes = new ArrayList<>();
      for (Future<Recorded> result : results) {
        outcomes.add(result.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}

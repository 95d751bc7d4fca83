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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.drift.DriftFinding;
import org.webops.dockerhubbot.drift.DriftReport;
import org.webops.dockerhubbot.drift.DriftReported;
import org.webops.dockerhubbot.drift.DriftReports.Recorded;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.PendingNotice;

/**
 * Drift reports on H2 and PostgreSQL alike: a report is stored and posted only when it changed,
 * each day's check once, and two instances that record the same change at once post it once.
 */
abstract class DriftReportsContract {
  private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

  @TempDir Path dir;
  private Database db;
  private JdbcDriftReports reports;
  private long requestId;

  abstract Database openDatabase(Path dir);

  @BeforeEach
  void open() {
    db = openDatabase(dir);
    reports = new JdbcDriftReports(db.dataSource());
    requestId = TestDatabases.insertRequest(db, "gh/org/app");
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private DriftReport missingToken() {
    return new DriftReport(List.of(new DriftFinding.OrgTokenMissing(requestId, "gh/org/app",
        "circleci-app-r" + requestId + "-g1"), new DriftFinding.UnknownTeamMember("alice",
        "ci-pullers")), NOW);
  }

  private Recorded record(Optional<String> daily, DriftReport report) {
    return reports.record(daily, report, Notice.channel(DriftReported.of(report, true)),
        outcome -> List.of(new AuditEvent(null, "bot", "DRIFT_REPORTED", outcome.name(), NOW)));
  }

  @Test
  void record_cleanBeforeAnyReport_unchangedNothingPosted() {
    assertThat(record(Optional.empty(), new DriftReport(List.of(), NOW)))
        .isEqualTo(Recorded.UNCHANGED);

    assertThat(TestDatabases.countRows(db, "drift_reports")).isZero();
    assertThat(TestDatabases.countRows(db, "outbox")).isZero();
    assertThat(TestDatabases.countRows(db, "audit_events")).isEqualTo(1);
  }

  @Test
  void record_changedThenSameThenClean_postsTheFirstAndTheLast() {
    assertThat(record(Optional.empty(), missingToken())).isEqualTo(Recorded.CHANGED);
    assertThat(record(Optional.empty(), missingToken())).isEqualTo(Recorded.UNCHANGED);
    assertThat(record(Optional.empty(), new DriftReport(List.of(), NOW)))
        .isEqualTo(Recorded.CHANGED);

    assertThat(TestDatabases.countRows(db, "drift_reports")).isEqualTo(2);
    assertThat(TestDatabases.countRows(db, "outbox")).isEqualTo(2);
  }

  @Test
  void record_theOutboxNotice_isForTheChannelAndReadsBackAsTheReport() {
    record(Optional.empty(), missingToken());

    List<PendingNotice> pending = new JdbcNotices(db.dataSource())
        .claim("test", Duration.ofSeconds(30), 10);

    assertThat(pending).singleElement().satisfies(notice -> {
      assertThat(notice.notice().audience()).isEqualTo(Notice.Audience.CHANNEL);
      assertThat(notice.notice().event()).isEqualTo(DriftReported.of(missingToken(), true));
    });
  }

  @Test
  void record_sameDayTwice_secondTakenWithoutAuditOrNotice() {
    assertThat(record(Optional.of("drift:2026-11-30"), missingToken()))
        .isEqualTo(Recorded.CHANGED);

    assertThat(record(Optional.of("drift:2026-11-30"), new DriftReport(List.of(), NOW)))
        .isEqualTo(Recorded.TAKEN);

    assertThat(reports.done("drift:2026-11-30")).isTrue();
    assertThat(reports.done("drift:2026-12-01")).isFalse();
    assertThat(TestDatabases.countRows(db, "outbox")).isEqualTo(1);
    assertThat(TestDatabases.countRows(db, "audit_events")).isEqualTo(1);
  }

  @Test
  void skip_firstDay_doneOnceAndCountsAsADaily() {
    assertThat(reports.anyDaily()).isFalse();

    assertThat(reports.skip("drift:2026-11-30", NOW)).isTrue();
    assertThat(reports.skip("drift:2026-11-30", NOW)).isFalse();

    assertThat(reports.anyDaily()).isTrue();
    assertThat(reports.done("drift:2026-11-30")).isTrue();
  }

  @Test
  void record_sameChangeByManyInstancesAtOnce_postedOnce() throws Exception {
    int instances = 6;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Recorded>> results = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return new JdbcDriftReports(db.dataSource()).record(Optional.empty(), missingToken(),
              Notice.channel(DriftReported.of(missingToken(), false)), outcome -> List.of());
        }));
      }
      start.countDown();
      List<Recorded> outcomes = new ArrayList<>();
      for (Future<Recorded> result : results) {
        outcomes.add(result.get());
      }

      assertThat(outcomes).filteredOn(Recorded.CHANGED::equals).hasSize(1);
      assertThat(TestDatabases.countRows(db, "drift_reports")).isEqualTo(1);
      assertThat(TestDatabases.countRows(db, "outbox")).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}

package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.workflow.RequestCounts;
import org.webops.dockerhubbot.workflow.RequestState;

/** What the metrics read: requests by state and tokens about to expire, on H2 and PostgreSQL. */
abstract class RequestCountsContract {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;
  private Database db;

  abstract Database openDatabase(Path dir);

  @BeforeEach
  void open() {
    db = openDatabase(dir);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void count_requestsInSeveralStates_everyStateCountedAndOnlyLiveTokensSoonToExpire() {
    // given
    request("gh/org/pending", RequestState.PENDING_APPROVAL, null);
    request("gh/org/in-a-week", RequestState.DONE, NOW.plus(Duration.ofDays(7)));
    request("gh/org/rotating", RequestState.ROTATING, NOW.plus(Duration.ofDays(13)));
    request("gh/org/in-a-month", RequestState.DONE, NOW.plus(Duration.ofDays(30)));
    request("gh/org/expired", RequestState.EXPIRED, NOW.minus(Duration.ofDays(1)));
    request("gh/org/dry-run", RequestState.DONE, null);

    // when
    RequestCounts.Counts counts =
        new JdbcRequestCounts(db.dataSource()).count(NOW, NOW.plus(Duration.ofDays(14)));

    // then
    assertThat(counts.byState()).containsEntry(RequestState.PENDING_APPROVAL, 1)
        .containsEntry(RequestState.DONE, 3).containsEntry(RequestState.ROTATING, 1)
        .containsEntry(RequestState.EXPIRED, 1).containsEntry(RequestState.REVOKED, 0)
        .hasSize(RequestState.values().length);
    assertThat(counts.expiring()).isEqualTo(2);
  }

  @Test
  void count_noRequests_zeroEverywhere() {
    RequestCounts.Counts counts =
        new JdbcRequestCounts(db.dataSource()).count(NOW, NOW.plus(Duration.ofDays(14)));

    assertThat(counts.byState().values()).containsOnly(0);
    assertThat(counts.expiring()).isZero();
  }

  private void request(String pipeline, RequestState state, Instant expiresAt) {
    long id = TestDatabases.insertRequest(db, pipeline);
    TestDatabases.update(db, "UPDATE requests SET state = ?, expires_at = ? WHERE id = ?",
        state.name(), expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC), id);
  }
}

package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.provisioning.CredentialStore;

/**
 * Version 13 on data: a credential made before the lifecycle existed is given the expiry its
 * lifetime implies (so reminders and automatic rotation find it), and its token the provisioning
 * operation that made it; the same SQL on H2 and PostgreSQL.
 */
abstract class LifecycleMigrationContract {
  private static final OffsetDateTime DECIDED = OffsetDateTime.of(2026, 10, 1, 9, 0, 0, 0,
      ZoneOffset.UTC);

  @TempDir Path dir;
  private Database db;

  /** A database with nothing migrated yet. */
  abstract Database emptyDatabase(Path dir);

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void migrate_fromVersion12_doneCredentialsExpireAfterTheirLifetimeTokensKnowTheirOperation() {
    // given: version 12 with a done credential, its operation and token, and a pending request
    db = emptyDatabase(dir);
    Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration")
        .javaMigrations(new CredentialRecordsMigration()).target("12").load().migrate();
    long done = TestDatabases.insertRequest(db, "gh/org/done");
    TestDatabases.update(db, "UPDATE requests SET state = 'DONE', decided_by = 'U2',"
        + " decided_at = ? WHERE id = ?", DECIDED, done);
    TestDatabases.update(db, "INSERT INTO operations (request_id, kind, status, started_by,"
        + " created_at, finished_at) VALUES (?, 'PROVISION', 'DONE', 'U2', ?, ?)", done, DECIDED,
        DECIDED);
    TestDatabases.update(db, "INSERT INTO credential_tokens (request_id, generation, label, kind,"
        + " token_id, state, created_at, updated_at) VALUES (?, 1, 'circleci-done-r1-g1',"
        + " 'ORG_TOKEN', 'tok-1', 'LIVE', ?, ?)", done, DECIDED, DECIDED);
    long pending = TestDatabases.insertRequest(db, "gh/org/pending");

    // when
    db.migrate();

    // then
    JdbcRequestRepository requests = new JdbcRequestRepository(db.dataSource());
    Instant expected = DECIDED.toInstant().plus(Duration.ofDays(90));
    assertThat(requests.times(done).expiresAt()).contains(expected);
    assertThat(requests.times(pending).expiresAt()).isEmpty();
    assertThat(requests.expiringBefore(expected.plusSeconds(1), 10))
        .extracting(expiring -> expiring.request().id()).containsExactly(done);
    assertThat(new JdbcCredentialStore(db.dataSource()).tokens(done)).singleElement()
        .satisfies(token -> {
          assertThat(token.operationId()).isPresent();
          assertThat(token.state()).isEqualTo(CredentialStore.TokenState.LIVE);
        });
  }
}

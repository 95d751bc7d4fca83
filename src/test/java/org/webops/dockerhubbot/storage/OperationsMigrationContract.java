package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.workflow.OperationKind;

/**
 * Version 12 on data: every run stored before operations existed becomes its request's
 * provisioning operation, with its steps, lease and wait; the same SQL on H2 and PostgreSQL.
 */
abstract class OperationsMigrationContract {
  private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 26, 10, 30, 0, 0,
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
  void migrate_fromVersion11_runsBecomeProvisioningOperationsWithTheirStepsAndWaits() {
    // given: version 11, with runs as the earlier bot kept them on the request
    db = emptyDatabase(dir);
    Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration")
        .javaMigrations(new CredentialRecordsMigration()).target("11").load().migrate();
    long waiting = legacyRequest("gh/org/waits", "IN_PROGRESS");
    TestDatabases.update(db, "UPDATE requests SET waiting_for = 'POLL', wake_at = ?, polls = 3,"
        + " run_owner = 'old/1', run_lease_until = ? WHERE id = ?", NOW, NOW, waiting);
    step(waiting, "GENERATE_IDENTITY", "DONE", "{\"docker_id\":\"svcwaits\"}");
    step(waiting, "AWAIT_MEMBERSHIP", "WAITING", "{}");
    long failed = legacyRequest("gh/org/failed", "FAILED");
    step(failed, "CREATE_ORG_TOKEN", "FAILED", "{}");
    long done = legacyRequest("gh/org/done", "DONE");
    step(done, "DELIVER", "DONE", "{}");
    long pending = legacyRequest("gh/org/pending", "PENDING_APPROVAL");

    // when
    db.migrate();

    // then
    JdbcRunStore runs = new JdbcRunStore(db.dataSource());
    Operation open = runs.latest(waiting).orElseThrow();
    assertThat(open.kind()).isEqualTo(OperationKind.PROVISION);
    assertThat(open.status()).isEqualTo(Operation.Status.OPEN);
    assertThat(open.startedBy()).isEqualTo("U2");
    var snapshot = runs.snapshot(open.id());
    assertThat(snapshot.step(StepId.GENERATE_IDENTITY).orElseThrow().facts())
        .containsEntry("docker_id", "svcwaits");
    assertThat(snapshot.step(StepId.AWAIT_MEMBERSHIP).orElseThrow().status())
        .isEqualTo(StepStatus.WAITING);
    assertThat(snapshot.polls()).isEqualTo(3);
    assertThat(runs.latest(failed).orElseThrow().status()).isEqualTo(Operation.Status.FAILED);
    assertThat(runs.latest(done).orElseThrow().status()).isEqualTo(Operation.Status.DONE);
    assertThat(runs.latest(pending)).isEmpty();
    assertThat(runs.lease(open.id(), "new/1", java.time.Duration.ofMinutes(1)))
        .as("the old lease ran out long ago").isTrue();
    assertThat(TestDatabases.dumpTable(db, "operations"))
        .contains("open_request=" + waiting, "open_request=" + failed);
  }

  private long legacyRequest(String pipeline, String state) {
    long id = TestDatabases.insertRequest(db, pipeline);
    TestDatabases.update(db, "UPDATE requests SET state = ?, decided_by = 'U2', decided_at = ?"
        + " WHERE id = ?", state, NOW, id);
    return id;
  }

  private void step(long request, String step, String status, String facts) {
    TestDatabases.update(db, "INSERT INTO run_steps (request_id, step, status, detail, facts,"
        + " updated_at) VALUES (?, ?, ?, '', ?, ?)", request, step, status, facts, NOW);
  }
}

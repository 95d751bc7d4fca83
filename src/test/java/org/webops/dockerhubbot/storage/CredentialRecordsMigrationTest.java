package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/** Requests stored before version 9 keep their tokens, and their keys follow the new rule. */
class CredentialRecordsMigrationTest {
  @TempDir Path dir;

  @Test
  void migrate_fromVersion8_tokenIdsCarriedOverAndLiveKeysNormalised() throws Exception {
    // given: a database at version 8 with requests as the earlier bot stored them
    Database db = Database.connect(DatabaseUrl.parse("jdbc:h2:file:" + dir.resolve("db")));
    Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration")
        .target("8").load().migrate();
    long done = legacyRequest(db, "gh/Org/App", "gh/org/app", "DONE");
    step(db, done, "CREATE_ORG_TOKEN", "{\"token_id\":\"tok-1\"}");
    long user = legacyRequest(db, "gh/org/svc", "gh/org/svc", "IN_PROGRESS");
    step(db, user, "CREATE_PERSONAL_TOKEN", "{\"token_id\":\"uuid-2\"}");
    long dry = legacyRequest(db, "gh/org/dry", "gh/org/dry", "DONE");
    step(db, dry, "CREATE_ORG_TOKEN", "{\"token_id\":\"dry-run\"}");
    long rejected = legacyRequest(db, "gh/org/old", null, "REJECTED");

    // when
    db.migrate();

    // then
    JdbcCredentialStore credentials = new JdbcCredentialStore(db.dataSource());
    assertThat(credentials.tokens(done)).singleElement().satisfies(token -> {
      assertThat(token.generation()).isZero();
      assertThat(token.label()).isEqualTo("circleci-gh-org-app");
      assertThat(token.kind()).isEqualTo(CredentialStore.TokenKind.ORG_TOKEN);
      assertThat(token.tokenId()).contains("tok-1");
      assertThat(token.state()).isEqualTo(CredentialStore.TokenState.LIVE);
    });
    assertThat(credentials.tokens(user)).singleElement().satisfies(token -> {
      assertThat(token.kind()).isEqualTo(CredentialStore.TokenKind.PERSONAL_TOKEN);
      assertThat(token.tokenId()).contains("uuid-2");
    });
    assertThat(credentials.tokens(dry)).isEmpty();
    JdbcRequestRepository requests = new JdbcRequestRepository(db.dataSource());
    assertThat(requests.findLive("github/ORG/app", Optional.empty()))
        .map(ProvisioningRequest::id).contains(done);
    assertThat(requests.findLive("gh/org/old", Optional.empty())).isEmpty();
    assertThat(TestDatabases.dumpTable(db, "requests")).contains("active_pipeline=github/org/svc");
    assertThat(rejected).isPositive();
    db.close();
  }

  @Test
  void migrate_twoLiveRequestsMeetOnTheNewKey_bothStayLiveAndTheMigrationCompletes() {
    Database db = Database.connect(DatabaseUrl.parse("jdbc:h2:file:" + dir.resolve("db")));
    Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration")
        .target("8").load().migrate();
    long older = legacyRequest(db, "github/org/app", "github/org/app", "DONE");
    long newer = legacyRequest(db, "gh/org/app", "gh/org/app", "PENDING_APPROVAL");

    db.migrate();

    assertThat(TestDatabases.dumpTable(db, "requests"))
        .contains("active_pipeline=github/org/app", "active_pipeline=duplicate:" + newer);
    assertThat(new JdbcRequestRepository(db.dataSource()).findLive("gh/org/app", Optional.empty()))
        .map(ProvisioningRequest::id).contains(older);
    db.close();
  }

  private static long legacyRequest(Database db, String pipeline, String activeKey, String state) {
    long id = TestDatabases.insertRequest(db, pipeline);
    TestDatabases.update(db, "UPDATE requests SET active_pipeline = ?, state = ? WHERE id = ?",
        activeKey, state, id);
    return id;
  }

  private static void step(Database db, long request, String step, String facts) {
    TestDatabases.update(db, "INSERT INTO run_steps (request_id, step, status, detail, facts,"
        + " updated_at) VALUES (?, ?, 'DONE', '', ?, ?)", request, step, facts,
        OffsetDateTime.now(ZoneOffset.UTC));
  }
}

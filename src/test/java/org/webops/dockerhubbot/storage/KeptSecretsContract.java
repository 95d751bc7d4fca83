package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.secretlinks.DataEncryption;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.MutableClock;

/** Secrets kept at rest: encrypted before they are stored, on H2 and PostgreSQL alike. */
abstract class KeptSecretsContract {
  private static final String PASSWORD = "Svc-Password-7f3a91c2e0b4d6";
  private static final String NEW_PASSWORD = "Svc-Password-rotated-11aa22bb";

  @TempDir Path dir;
  private Database db;
  private long requestId;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

  abstract Database openDatabase(Path dir);

  @BeforeEach
  void open() {
    db = openDatabase(dir);
    requestId = TestDatabases.insertRequest(db, "gh/org/app");
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private KeptSecrets keptSecrets(Optional<byte[]> key) {
    return new KeptSecrets(new JdbcKeptSecretStore(db.dataSource()),
        new DataEncryption(key, new SecureRandom()), new JdbcAuditLog(db.dataSource()), clock);
  }

  private static Optional<byte[]> key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Optional.of(key);
  }

  @Test
  void keep_thenRead_roundTripsWithOnlyCiphertextStoredAndNothingInLogsOrAudit() {
    try (LogCapture logs = new LogCapture()) {
      // given
      KeptSecrets kept = keptSecrets(key());

      // when
      kept.keep(requestId, KeptSecrets.SERVICE_USER_PASSWORD, PASSWORD);

      // then
      assertThat(kept.read(requestId, KeptSecrets.SERVICE_USER_PASSWORD)).contains(PASSWORD);
      assertThat(TestDatabases.dumpTable(db, "kept_secrets")).contains("ciphertext=v1:")
          .doesNotContain(PASSWORD);
      assertThat(TestDatabases.dumpTable(db, "audit_events")).contains("SECRET_KEPT")
          .doesNotContain(PASSWORD);
      assertThat(logs.text()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void keep_twice_secondReplacesFirst() {
    KeptSecrets kept = keptSecrets(key());

    kept.keep(requestId, KeptSecrets.SERVICE_USER_PASSWORD, PASSWORD);
    kept.keep(requestId, KeptSecrets.SERVICE_USER_PASSWORD, NEW_PASSWORD);

    assertThat(kept.read(requestId, KeptSecrets.SERVICE_USER_PASSWORD)).contains(NEW_PASSWORD);
    assertThat(TestDatabases.dumpTable(db, "kept_secrets").lines()
        .filter(line -> line.startsWith("ciphertext="))).hasSize(1);
  }

  @Test
  void forget_keptSecret_goneAndAudited() {
    KeptSecrets kept = keptSecrets(key());
    kept.keep(requestId, KeptSecrets.SERVICE_USER_PASSWORD, PASSWORD);

    kept.forget(requestId, KeptSecrets.SERVICE_USER_PASSWORD);

    assertThat(kept.read(requestId, KeptSecrets.SERVICE_USER_PASSWORD)).isEmpty();
    assertThat(new JdbcAuditLog(db.dataSource()).forRequest(requestId))
        .extracting(AuditEvent::action).containsExactly("SECRET_KEPT", "SECRET_FORGOTTEN");
  }

  @Test
  void read_withAnotherKey_failsWithoutRevealingAnything() {
    keptSecrets(key()).keep(requestId, KeptSecrets.SERVICE_USER_PASSWORD, PASSWORD);

    assertThatThrownBy(() -> keptSecrets(key()).read(requestId, KeptSecrets.SERVICE_USER_PASSWORD))
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(PASSWORD));
  }

  @Test
  void keepAndRead_withoutKey_refusedNamingTheVariableAndNothingStored() {
    KeptSecrets kept = keptSecrets(Optional.empty());

    assertThatThrownBy(() -> kept.keep(requestId, KeptSecrets.SERVICE_USER_PASSWORD, PASSWORD))
        .isInstanceOf(DataEncryption.KeyMissingException.class)
        .hasMessageContaining("DATA_ENCRYPTION_KEY");
    assertThatThrownBy(() -> kept.read(requestId, KeptSecrets.SERVICE_USER_PASSWORD))
        .isInstanceOf(DataEncryption.KeyMissingException.class);
    assertThat(TestDatabases.dumpTable(db, "kept_secrets")).isEmpty();
  }
}

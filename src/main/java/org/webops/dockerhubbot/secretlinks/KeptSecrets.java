package org.webops.dockerhubbot.secretlinks;

import java.time.Clock;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;

/**
 * Secrets the bot must keep after handing them out once, such as a service user's password that
 * later token rotations log in with. Encrypted with {@code DATA_ENCRYPTION_KEY} before they are
 * stored; without the key every call fails with {@link DataEncryption.KeyMissingException}.
 */
public final class KeptSecrets {
  public static final String SERVICE_USER_PASSWORD = "service-user-password";

  private final KeptSecretStore store;
  private final DataEncryption encryption;
  private final AuditLog audit;
  private final Clock clock;

  public KeptSecrets(KeptSecretStore store, DataEncryption encryption, AuditLog audit, Clock clock) {
    this.store = store;
    this.encryption = encryption;
    this.audit = audit;
    this.clock = clock;
  }

  public void keep(long requestId, String name, String value) {
    String ciphertext = encryption.encrypt(value);
    store.put(requestId, name, ciphertext, clock.instant());
    audit.record(new AuditEvent(requestId, "bot", "SECRET_KEPT", name + " kept encrypted",
        clock.instant()));
  }

  public Optional<String> read(long requestId, String name) {
    if (!encryption.isAvailable()) {
      throw new DataEncryption.KeyMissingException();
    }
    return store.get(requestId, name).map(encryption::decrypt);
  }

  /** Forgets a kept secret, e.g. when the credential is revoked. */
  public void forget(long requestId, String name) {
    if (store.delete(requestId, name)) {
      audit.record(new AuditEvent(requestId, "bot", "SECRET_FORGOTTEN", name + " deleted",
          clock.instant()));
    }
  }
}

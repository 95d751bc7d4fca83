package org.webops.dockerhubbot.secretlinks;

import java.time.Instant;
import java.util.Optional;

/** Where encrypted material is kept per request; it never sees a plaintext. */
public interface KeptSecretStore {
  /** Stores or replaces the ciphertext kept under {@code name} for the request. */
  void put(long requestId, String name, String ciphertext, Instant now);

  Optional<String> get(long requestId, String name);

  /** @return whether there was something to delete */
  boolean delete(long requestId, String name);
}

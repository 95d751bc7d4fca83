package org.webops.dockerhubbot.storage;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.webops.dockerhubbot.secretlinks.KeptSecretStore;

/** Kept ciphertexts in table {@code kept_secrets}; the same SQL on H2 and PostgreSQL. */
public final class JdbcKeptSecretStore implements KeptSecretStore {
  private final Jdbc jdbc;

  public JdbcKeptSecretStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void put(long requestId, String name, String ciphertext, Instant now) {
    // Replace in one transaction; no dialect-specific upsert needed.
    jdbc.inTransaction(connection -> {
      Jdbc.update(connection, "DELETE FROM kept_secrets WHERE request_id = ? AND name = ?",
          requestId, name);
      Jdbc.update(connection, "INSERT INTO kept_secrets (request_id, name, ciphertext, updated_at)"
          + " VALUES (?, ?, ?, ?)", requestId, name, ciphertext, now);
      return null;
    });
  }

  @Override
  public Optional<String> get(long requestId, String name) {
    return jdbc.queryOne("SELECT ciphertext FROM kept_secrets WHERE request_id = ? AND name = ?",
        row -> row.getString("ciphertext"), requestId, name);
  }

  @Override
  public boolean delete(long requestId, String name) {
    return jdbc.update("DELETE FROM kept_secrets WHERE request_id = ? AND name = ?",
        requestId, name) == 1;
  }
}

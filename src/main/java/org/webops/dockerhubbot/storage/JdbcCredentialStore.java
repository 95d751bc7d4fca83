package org.webops.dockerhubbot.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.RunLease;

/** Tables {@code credential_tokens} and {@code written_variables}. */
public final class JdbcCredentialStore implements CredentialStore {
  private final Jdbc jdbc;

  public JdbcCredentialStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public List<TokenRecord> tokens(long requestId) {
    return jdbc.query("SELECT request_id, generation, label, kind, token_id, state,"
            + " operation_id, expires_at FROM credential_tokens WHERE request_id = ?"
            + " ORDER BY generation",
        row -> new TokenRecord(row.getLong("request_id"), row.getInt("generation"),
            row.getString("label"), TokenKind.valueOf(row.getString("kind")),
            Optional.ofNullable(row.getString("token_id")),
            TokenState.valueOf(row.getString("state")),
            Optional.ofNullable(row.getObject("operation_id", Long.class)),
            Optional.ofNullable(Jdbc.instant(row, "expires_at"))), requestId);
  }

  @Override
  public void tokenIntended(RunLease lease, int generation, String label, TokenKind kind,
      Optional<Instant> expiresAt, Instant at) {
    jdbc.inTransaction(connection -> {
      Fencing.requireLease(connection, lease);
      return Jdbc.update(connection, "INSERT INTO credential_tokens (request_id, generation,"
              + " label, kind, state, created_at, updated_at, operation_id, expires_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", lease.requestId(), generation, label,
          kind.name(), TokenState.CREATING.name(), at, at, lease.operationId(),
          expiresAt.orElse(null));
    });
  }

  @Override
  public void tokenCreated(RunLease lease, int generation, String tokenId, Instant at) {
    setToken(lease, generation, "token_id = ?, state = ?", at, tokenId, TokenState.LIVE.name());
  }

  @Override
  public void tokenDeleted(RunLease lease, int generation, Instant at) {
    setToken(lease, generation, "state = ?", at, TokenState.DELETED.name());
  }

  private void setToken(RunLease lease, int generation, String assignments, Instant at,
      Object... values) {
    Object[] parameters = new Object[values.length + 3];
    System.arraycopy(values, 0, parameters, 0, values.length);
    parameters[values.length] = at;
    parameters[values.length + 1] = lease.requestId();
    parameters[values.length + 2] = generation;
    jdbc.inTransaction(connection -> {
      Fencing.requireLease(connection, lease);
      return Jdbc.update(connection, "UPDATE credential_tokens SET " + assignments
          + ", updated_at = ? WHERE request_id = ? AND generation = ?", parameters);
    });
  }

  @Override
  public List<WrittenVariable> variables(long requestId) {
    return jdbc.query("SELECT target, name, approved_by FROM written_variables"
            + " WHERE request_id = ? ORDER BY target, name",
        row -> new WrittenVariable(row.getString("target"), row.getString("name"),
            Optional.ofNullable(row.getString("approved_by"))), requestId);
  }

  @Override
  public void variablesWritten(RunLease lease, String target, List<String> names,
      Optional<String> approvedBy, Instant at) {
    jdbc.inTransaction(connection -> {
      Fencing.requireLease(connection, lease);
      for (String name : names) {
        int changed = Jdbc.update(connection, "UPDATE written_variables SET written_at = ?,"
                + " approved_by = COALESCE(?, approved_by) WHERE request_id = ? AND target = ?"
                + " AND name = ?", at, approvedBy.orElse(null), lease.requestId(), target, name);
        if (changed == 0) {
          Jdbc.update(connection, "INSERT INTO written_variables (request_id, target, name,"
                  + " approved_by, written_at) VALUES (?, ?, ?, ?, ?)", lease.requestId(), target,
              name, approvedBy.orElse(null), at);
        }
      }
      return null;
    });
  }

  @Override
  public boolean reserveDockerId(String dockerId, long requestId) {
    try {
      jdbc.update("INSERT INTO docker_ids (docker_id, request_id) VALUES (?, ?)", dockerId,
          requestId);
      return true;
    } catch (StorageException e) {
      if (Jdbc.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<String> dockerIdOf(long requestId) {
    return jdbc.queryOne("SELECT docker_id FROM docker_ids WHERE request_id = ?",
        row -> row.getString(1), requestId);
  }
}

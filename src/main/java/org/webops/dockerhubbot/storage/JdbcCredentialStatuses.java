package org.webops.dockerhubbot.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.health.Credential;
import org.webops.dockerhubbot.health.CredentialStatuses;

/**
 * Table {@code credential_health}: one row per credential; a change of {@code ok} is a
 * compare-and-set, written with its notices and audit rows.
 */
public final class JdbcCredentialStatuses implements CredentialStatuses {
  private static final int MAX_REASON = 500;

  private final Jdbc jdbc;

  public JdbcCredentialStatuses(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Outcome record(Credential credential, boolean ok, String reason, Instant at,
      Function<Optional<Known>, Change> onChange) {
    String key = credential.key();
    String words = reason == null || reason.length() <= MAX_REASON ? reason
        : reason.substring(0, MAX_REASON);
    try {
      return jdbc.inTransaction(connection -> {
        Optional<Known> stored = Jdbc.query(connection, "SELECT ok, reason, since FROM"
                + " credential_health WHERE credential = ?",
            row -> new Known(row.getBoolean("ok"), row.getString("reason"),
                Jdbc.instant(row, "since")), key).stream().findFirst();
        if (stored.isPresent() && stored.get().ok() == ok) {
          Jdbc.update(connection, "UPDATE credential_health SET reason = ?, checked_at = ?"
              + " WHERE credential = ? AND ok = ?", words, at, key, ok);
          return new Outcome(Recorded.UNCHANGED, new Known(ok, words, stored.get().since()));
        }
        if (stored.isEmpty()) {
          Jdbc.update(connection, "INSERT INTO credential_health (credential, ok, reason, since,"
              + " checked_at) VALUES (?, ?, ?, ?, ?)", key, ok, words, at, at);
          if (ok) {
            return new Outcome(Recorded.UNCHANGED, new Known(true, null, at)); // the first look
          }
        } else if (Jdbc.update(connection, "UPDATE credential_health SET ok = ?, reason = ?,"
            + " since = ?, checked_at = ? WHERE credential = ? AND ok = ?", ok, words, at, at, key,
            !ok) != 1) {
          return new Outcome(Recorded.TAKEN, new Known(ok, words, at));
        }
        Change change = onChange.apply(stored);
        JdbcNotices.insert(connection, change.notices(), at);
        for (AuditEvent event : change.audit()) {
          JdbcAuditLog.insert(connection, event);
        }
        return new Outcome(Recorded.CHANGED, new Known(ok, words, at));
      });
    } catch (StorageException e) {
      if (Jdbc.isUniqueViolation(e)) {
        // another instance stored the first verdict at the same moment
        return new Outcome(Recorded.TAKEN, new Known(ok, words, at));
      }
      throw e;
    }
  }
}

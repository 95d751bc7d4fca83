package org.webops.dockerhubbot.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.lifecycle.Occurrences;
import org.webops.dockerhubbot.notices.Notice;

/** Table {@code occurrences}: its primary key lets one instance claim each occurrence. */
public final class JdbcOccurrences implements Occurrences {
  private final Jdbc jdbc;

  public JdbcOccurrences(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public boolean claim(String key, Optional<Long> requestId, Instant at, List<Notice> notices,
      Optional<AuditEvent> audit) {
    if (jdbc.queryOne("SELECT occurrence FROM occurrences WHERE occurrence = ?",
        row -> row.getString(1), key).isPresent()) {
      return false; // the common case, every minute: no failed insert for it
    }
    try {
      return jdbc.inTransaction(connection -> {
        Jdbc.update(connection, "INSERT INTO occurrences (occurrence, request_id, at)"
            + " VALUES (?, ?, ?)", key, requestId.orElse(null), at);
        JdbcNotices.insert(connection, notices, at);
        if (audit.isPresent()) {
          JdbcAuditLog.insert(connection, audit.get());
        }
        return true;
      });
    } catch (StorageException e) {
      if (Jdbc.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }
}

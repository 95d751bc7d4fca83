package org.webops.dockerhubbot.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.drift.DriftReport;
import org.webops.dockerhubbot.drift.DriftReports;
import org.webops.dockerhubbot.notices.Notice;

/**
 * Tables {@code drift_reports} (each report names the one it follows; a unique index lets one
 * report follow another) and {@code occurrences} (one row per daily check, {@code drift:<date>}).
 */
public final class JdbcDriftReports implements DriftReports {
  /** Daily checks' occurrence keys start so. */
  public static final String DAILY_PREFIX = "drift:";
  private static final int MAX_KEYS = 8000;

  private final Jdbc jdbc;

  public JdbcDriftReports(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public boolean done(String key) {
    return jdbc.queryOne("SELECT occurrence FROM occurrences WHERE occurrence = ?",
        row -> row.getString(1), key).isPresent();
  }

  @Override
  public boolean anyDaily() {
    return jdbc.queryOne("SELECT occurrence FROM occurrences WHERE occurrence LIKE ? LIMIT 1",
        row -> row.getString(1), DAILY_PREFIX + "%").isPresent();
  }

  @Override
  public boolean skip(String key, Instant at) {
    try {
      return jdbc.update("INSERT INTO occurrences (occurrence, at) VALUES (?, ?)", key, at) == 1;
    } catch (StorageException e) {
      if (Jdbc.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  private record Last(long id, String fingerprint) {}

  @Override
  public Recorded record(Optional<String> daily, DriftReport report, Notice notice,
      Function<Recorded, List<AuditEvent>> audit) {
    try {
      return jdbc.inTransaction(connection -> {
        Instant at = report.checkedAt();
        if (daily.isPresent()) {
          Jdbc.update(connection, "INSERT INTO occurrences (occurrence, at) VALUES (?, ?)",
              daily.get(), at);
        }
        Last last = Jdbc.query(connection, "SELECT id, fingerprint FROM drift_reports"
                + " ORDER BY id DESC LIMIT 1",
                row -> new Last(row.getLong(1), row.getString(2))).stream().findFirst()
            .orElse(new Last(0, DriftReport.cleanFingerprint()));
        Recorded recorded = last.fingerprint().equals(report.fingerprint()) ? Recorded.UNCHANGED
            : Recorded.CHANGED;
        if (recorded == Recorded.CHANGED) {
          String keys = report.keys();
          Jdbc.update(connection, "INSERT INTO drift_reports (fingerprint, findings, created_at,"
                  + " previous_id) VALUES (?, ?, ?, ?)", report.fingerprint(),
              keys.length() <= MAX_KEYS ? keys : keys.substring(0, MAX_KEYS), at, last.id());
          JdbcNotices.insert(connection, List.of(notice), at);
        }
        for (AuditEvent event : audit.apply(recorded)) {
          JdbcAuditLog.insert(connection, event);
        }
        return recorded;
      });
    } catch (StorageException e) {
      if (Jdbc.isUniqueViolation(e)) {
        return Recorded.TAKEN; // this day's check, or the report after the last, is another's
      }
      throw e;
    }
  }
}

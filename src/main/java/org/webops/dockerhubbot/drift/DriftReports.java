package org.webops.dockerhubbot.drift;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;

/**
 * The drift reports made, so that only a changed report is posted, and the daily checks done, so
 * that each day's check is reported once across instances and restarts.
 */
public interface DriftReports {

  /** What became of a report handed to {@link #record}. */
  enum Recorded {
    /** It differs from the last one: stored, with its notice and audit rows. */
    CHANGED,
    /** The same differences as the last report: nothing posted; its audit rows written. */
    UNCHANGED,
    /** Another instance claimed this day's check, or recorded a report at the same moment. */
    TAKEN
  }

  /** Whether the daily occurrence {@code key} was done (by any instance), or skipped. */
  boolean done(String key);

  /** Whether any daily occurrence was ever done or skipped. */
  boolean anyDaily();

  /** Marks a daily occurrence done without a check; false when it already was. */
  boolean skip(String key, Instant at);

  /**
   * In one transaction: claims the daily occurrence when one is given; compares the report's
   * fingerprint with the last stored report's (a clean one when there is none); when it changed,
   * stores the report and {@code notice}; writes the audit rows {@code audit} gives for the
   * outcome (none for {@link Recorded#TAKEN}, which rolls back).
   */
  Recorded record(Optional<String> daily, DriftReport report, Notice notice,
      Function<Recorded, List<AuditEvent>> audit);
}

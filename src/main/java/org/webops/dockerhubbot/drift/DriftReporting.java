package org.webops.dockerhubbot.drift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.drift.DriftReports.Recorded;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.Authority;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.Role;

/**
 * Runs the drift check daily, once across instances, and when an approver asks; a report goes
 * to the approval channel (through the outbox) only when it differs from the last one. Every
 * report writes an audit row. Driven by the injected clock, so tests move time instead of
 * waiting.
 */
public final class DriftReporting {
  private static final Logger log = LoggerFactory.getLogger(DriftReporting.class);
  /** After a failed daily check this instance waits so long before it tries again. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(15);
  public static final String REPORTED = "DRIFT_REPORTED";

  /** What became of an approver's {@code drift} command. */
  public sealed interface Outcome {
    record Refused(String why) implements Outcome {}

    /** The check could not finish: Docker Hub or CircleCI did not answer as they should. */
    record Failed(String why) implements Outcome {}

    /** @param posted the report differs from the last one and goes to the approval channel */
    record Checked(DriftReport report, boolean posted) implements Outcome {}
  }

  private final DriftCheck check;
  private final DriftReports reports;
  private final Authority authority;
  private final AuditLog audit;
  private final Runnable nudge;
  private final Clock clock;
  private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.MIN);

  /** @param nudge tells the outbox relay that a notice is waiting */
  public DriftReporting(DriftCheck check, DriftReports reports, Authority authority,
      AuditLog audit, Runnable nudge, Clock clock) {
    this.check = check;
    this.reports = reports;
    this.authority = authority;
    this.audit = audit;
    this.nudge = nudge;
    this.clock = clock;
  }

  /** The occurrence key of the daily check of the day {@code at} falls on (UTC). */
  public static String dailyKey(Instant at) {
    return "drift:" + LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /**
   * The daily check, when this day's is not done yet. The first day the bot runs owes no report
   * (an approver can ask for one at once): the first daily check comes the next day.
   */
  public void daily() {
    Instant now = clock.instant();
    String key = dailyKey(now);
    if (reports.done(key) || now.isBefore(notBefore.get())) {
      return;
    }
    if (!reports.anyDaily()) {
      if (reports.skip(key, now)) {
        log.info("Drift: the first daily check comes tomorrow (UTC); /dockerhub-user drift"
            + " checks now");
      }
      return;
    }
    DriftReport report;
    try {
      report = check.run();
    } catch (RuntimeException e) {
      notBefore.set(now.plus(RETRY_AFTER_FAILURE));
      log.warn("Daily drift check failed, trying again in {}: {}", RETRY_AFTER_FAILURE,
          e.getMessage());
      audit.record(new AuditEvent(null, Move.BOT, "DRIFT_CHECK_FAILED", e.getMessage(), now));
      return;
    }
    Recorded recorded = record(Optional.of(key), report, true, Move.BOT);
    log.info("Daily drift check: {} difference(s), {}", report.findings().size(),
        recorded.name().toLowerCase());
  }

  /** An approver's {@code /dockerhub-user drift}: checks now, whatever the day's check said. */
  public Outcome onDemand(String user) {
    Authority.Standing standing = authority.of(user);
    if (standing instanceof Authority.Standing.Unknown unknown) {
      return new Outcome.Refused(unknown.why());
    }
    if (!Authority.holds(standing, Role.APPROVER)) {
      audit.record(new AuditEvent(null, user, "DRIFT_REFUSED", "not an approver",
          clock.instant()));
      return new Outcome.Refused("Only webops approvers can check for drift.");
    }
    DriftReport report;
    try {
      report = check.run();
    } catch (RuntimeException e) {
      log.warn("Drift check asked by {} failed: {}", user, e.getMessage());
      audit.record(new AuditEvent(null, user, "DRIFT_CHECK_FAILED", e.getMessage(),
          clock.instant()));
      return new Outcome.Failed(e.getMessage());
    }
    return new Outcome.Checked(report, record(Optional.empty(), report, false, user)
        == Recorded.CHANGED);
  }

  private Recorded record(Optional<String> daily, DriftReport report, boolean dailyCheck,
      String by) {
    Recorded recorded = reports.record(daily, report,
        Notice.channel(DriftReported.of(report, dailyCheck)),
        outcome -> auditRows(report, outcome, dailyCheck, by));
    if (recorded == Recorded.CHANGED) {
      nudge.run();
    }
    return recorded;
  }

  /**
   * One row for the report (how many differences, whether it was posted; never a value), and
   * when it changed one for each credential it names, so that the credential's trail shows it.
   */
  private static List<AuditEvent> auditRows(DriftReport report, Recorded outcome,
      boolean daily, String by) {
    if (outcome == Recorded.TAKEN) {
      return List.of();
    }
    Instant at = report.checkedAt();
    int count = report.findings().size();
    List<AuditEvent> rows = new ArrayList<>();
    rows.add(new AuditEvent(null, by, REPORTED, (daily ? "daily check: " : "asked for: ")
        + count + (count == 1 ? " difference" : " differences") + "; "
        + (outcome == Recorded.CHANGED ? "changed since the last report, posted to the approval"
            + " channel" : "the same as the last report, not posted again"), at));
    if (outcome == Recorded.CHANGED) {
      Map<Long, List<String>> owned = new LinkedHashMap<>();
      for (DriftFinding finding : report.findings()) {
        if (finding instanceof DriftFinding.Owned mine) {
          owned.computeIfAbsent(mine.requestId(), id -> new ArrayList<>()).add(finding.key());
        }
      }
      owned.forEach((requestId, keys) -> rows.add(new AuditEvent(requestId, by, "DRIFT_FOUND",
          String.join("; ", keys), at)));
    }
    return rows;
  }
}

package org.webops.dockerhubbot.drift;

import java.util.List;
import org.webops.dockerhubbot.notices.NoticeEvent;

/**
 * For the approval channel: the drift report changed since the last one posted.
 *
 * @param total how many differences were found
 * @param shown the first of them, sorted (a message has room for only so many)
 * @param daily the daily check found it, rather than an approver's {@code drift} command
 */
public record DriftReported(int total, List<DriftFinding> shown, boolean daily)
    implements NoticeEvent {

  /** At most this many findings travel in one notice (its stored form is bounded). */
  public static final int MAX_SHOWN = 25;

  public DriftReported {
    shown = List.copyOf(shown);
  }

  /** Roughly how many characters the shown findings may take once stored as JSON. */
  static final int MAX_STORED = 6000;

  public static DriftReported of(DriftReport report, boolean daily) {
    List<DriftFinding> findings = report.findings();
    int shown = 0;
    int size = 0;
    while (shown < findings.size() && shown < MAX_SHOWN) {
      size += estimate(findings.get(shown));
      if (size > MAX_STORED) {
        break;
      }
      shown++;
    }
    return new DriftReported(findings.size(), findings.subList(0, shown), daily);
  }

  /** The field names and type of a stored finding, its key, and its pipeline if it has one. */
  private static int estimate(DriftFinding finding) {
    return 120 + finding.key().length()
        + (finding instanceof DriftFinding.Owned owned ? owned.pipeline().length() : 0);
  }
}

package org.webops.dockerhubbot.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;

/**
 * The last known verdict of each credential, shared by every instance, so that a change is
 * announced once: the instance whose compare-and-set moves it from ok to failing (or back) writes
 * the notice, in the same transaction.
 */
public interface CredentialStatuses {

  /** The stored verdict: ok or failing, with the reason and since when. */
  record Known(boolean ok, String reason, Instant since) {}

  /** What a change writes beside the new verdict. */
  record Change(List<Notice> notices, List<AuditEvent> audit) {}

  enum Recorded {
    /** The verdict changed: stored, with the change's notices and audit rows. */
    CHANGED,
    /** The same verdict as stored (or the first one, ok): nothing to tell. */
    UNCHANGED,
    /** Another instance changed it at the same moment and told people. */
    TAKEN
  }

  record Outcome(Recorded recorded, Known now) {}

  /**
   * In one transaction: compares {@code ok} with the stored verdict (none stored: a first ok is
   * stored silently, a first failure is a change) and, when it changed, stores it with a
   * compare-and-set and writes what {@code onChange} gives for the previous verdict (empty for
   * none).
   */
  Outcome record(Credential credential, boolean ok, String reason, Instant at,
      Function<Optional<Known>, Change> onChange);
}

package org.webops.dockerhubbot.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;

/**
 * Scheduled things that must happen once across instances and restarts: the first caller to
 * claim an occurrence's key does it, with its notices committed in the same transaction.
 */
public interface Occurrences {
  /**
   * @param audit the row that records what was done, written with the claim
   * @return true for the one caller that claimed {@code key} now
   */
  boolean claim(String key, Optional<Long> requestId, Instant at, List<Notice> notices,
      Optional<AuditEvent> audit);
}

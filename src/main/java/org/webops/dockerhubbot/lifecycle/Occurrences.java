package org.webops.dockerhubbot.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.notices.Notice;

/**
 * Scheduled things that must happen once across instances and restarts: the first caller to
 * claim an occurrence's key does it, with its notices committed in the same transaction.
 */
public interface Occurrences {
  /** @return true for the one caller that claimed {@code key} now */
  boolean claim(String key, Optional<Long> requestId, Instant at, List<Notice> notices);
}

package org.webops.dockerhubbot.lifecycle;

import java.time.Duration;
import java.util.List;

/**
 * How the bot looks after credentials over time.
 *
 * @param autoRotateBefore how long before a token expires the bot rotates it by itself
 *     ({@code AUTO_ROTATE_BEFORE}); zero turns automatic rotation off
 * @param rotationGrace how long a rotated-out token lives on after CircleCI holds the new one,
 *     so that running jobs finish ({@code ROTATION_GRACE}); zero deletes it at once
 * @param requestTtl how long a request may wait for a decision before it expires
 *     ({@code REQUEST_TTL})
 */
public record LifecycleSettings(Duration autoRotateBefore, Duration rotationGrace,
    Duration requestTtl) {

  /** When, before its token expires, a credential's people are reminded. */
  public static final List<Duration> EXPIRY_REMINDERS =
      List.of(Duration.ofDays(14), Duration.ofDays(3), Duration.ofDays(1));
  /** When, after it was made, a request without a decision is brought up again. */
  public static final List<Duration> PENDING_REMINDERS =
      List.of(Duration.ofHours(4), Duration.ofHours(24));

  public static LifecycleSettings defaults() {
    return new LifecycleSettings(Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(7));
  }

  public boolean autoRotates() {
    return !autoRotateBefore.isZero();
  }
}

package org.webops.dockerhubbot.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Real time, moved forward by hand: a running bot keeps its short waits, and a test jumps days
 * ahead to see reminders, expiry and automatic rotation.
 */
public final class ShiftedClock extends Clock {
  private volatile Duration shift = Duration.ZERO;

  public void advance(Duration duration) {
    shift = shift.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }
}

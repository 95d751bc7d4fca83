package org.webops.dockerhubbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void from_retryAfterSeconds_isThatManySeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.from(Headers.of("Retry-After", "30"), clock));
  }

  @Test
  void from_retryAfterHttpDate_isTimeUntilThen() {
    Headers headers = Headers.of("Retry-After", "Thu, 15 Jan 2026 10:00:45 GMT");
    assertEquals(Optional.of(Duration.ofSeconds(45)), RetryAfter.from(headers, clock));
  }

  @Test
  void from_xRetryAfterUnixTimeInThePast_isZero() {
    Headers headers = Headers.of("X-Retry-After", Long.toString(clock.instant().getEpochSecond() - 5));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.from(headers, clock));
  }

  @Test
  void from_noHeaderOrGarbage_isEmpty() {
    assertTrue(RetryAfter.from(Headers.of(), clock).isEmpty());
    assertTrue(RetryAfter.from(Headers.of("X-Retry-After", "soon"), clock).isEmpty());
  }
}

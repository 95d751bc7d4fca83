package org.webops.dockerhubbot.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How idempotent calls are retried: at most {@code maxAttempts} attempts in all, exponential
 * backoff from {@code baseDelay} capped at {@code maxDelay} with "full jitter" (a random wait
 * between half and all of the exponential delay), and a server-given {@code Retry-After} honoured
 * up to {@code maxRetryAfter} (a longer wait is not attempted: the call fails with
 * {@link RateLimitedException} carrying the wait).
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxRetryAfter,
    DoubleSupplier jitter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(baseDelay);
    Objects.requireNonNull(maxDelay);
    Objects.requireNonNull(maxRetryAfter);
    Objects.requireNonNull(jitter);
  }

  /** 4 attempts, 500 ms doubling up to 8 s, Retry-After honoured up to 60 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        Duration.ofSeconds(60),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** One attempt only. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, () -> 0);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry): {@code base * 2^(retry-1)}
   * capped at {@code maxDelay}, then scaled by a random factor in [0.5, 1].
   */
  public Duration backoff(int retry) {
    long base = baseDelay.toMillis();
    long exponential = base << Math.min(Math.max(retry - 1, 0), 20);
    long capped = Math.min(exponential, maxDelay.toMillis());
    double factor = 0.5 + 0.5 * Math.min(Math.max(jitter.getAsDouble(), 0), 1);
    return Duration.ofMillis(Math.round(capped * factor));
  }
}

package org.webops.dockerhubbot.secretlinks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window limit on claim attempts per client address: at most {@code maxAttempts} in each
 * {@code window}, counted from an address's first attempt. Memory is bounded by Caffeine.
 */
public final class ClaimRateLimiter {
  private final int maxAttempts;
  private final Duration window;
  private final Cache<String, AtomicInteger> attempts;

  public ClaimRateLimiter(int maxAttempts, Duration window, Ticker ticker) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.window = window;
    this.attempts =
        Caffeine.newBuilder()
            .expireAfterWrite(window)
            .maximumSize(100_000)
            .ticker(ticker)
            .build();
  }

  public ClaimRateLimiter(int maxAttempts, Duration window) {
    this(maxAttempts, window, Ticker.systemTicker());
  }

  /** Ten claim attempts per address per minute: plenty for people, little for guessing. */
  public static ClaimRateLimiter defaults() {
    return new ClaimRateLimiter(10, Duration.ofMinutes(1));
  }

  /** Counts one attempt; false when the address is over its limit for the current window. */
  public boolean tryAcquire(String clientAddress) {
    String key = clientAddress == null ? "unknown" : clientAddress;
    return attempts.get(key, k -> new AtomicInteger()).incrementAndGet() <= maxAttempts;
  }

  public Duration window() {
    return window;
  }
}

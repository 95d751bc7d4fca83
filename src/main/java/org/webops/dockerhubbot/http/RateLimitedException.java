package org.webops.dockerhubbot.http;

import java.time.Duration;
import java.util.Optional;

/** 429 Too Many Requests that retrying did not get past (or a call that is never retried). */
public final class RateLimitedException extends ApiException {

  private final Duration retryAfter;

  public RateLimitedException(
      String api, String method, String path, int status, String apiMessage, Duration retryAfter) {
    super(api, method, path, status, apiMessage, null);
    this.retryAfter = retryAfter;
  }

  /** How long the API asked to wait, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}

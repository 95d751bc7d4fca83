package org.webops.dockerhubbot.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads how long a server asked to wait: {@code Retry-After} in seconds (or an HTTP date), else
 * the older Docker Hub {@code X-Retry-After}, a unix time in seconds.
 */
public final class RetryAfter {

  private RetryAfter() {}

  public static Optional<Duration> from(Headers headers, Clock clock) {
    String retryAfter = headers.get("Retry-After");
    if (retryAfter != null) {
      String value = retryAfter.trim();
      try {
        return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(value))));
      } catch (NumberFormatException notSeconds) {
        try {
          Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
        } catch (DateTimeParseException notADate) {
          // fall through to X-Retry-After
        }
      }
    }
    String unixTime = headers.get("X-Retry-After");
    if (unixTime != null) {
      try {
        Instant at = Instant.ofEpochSecond(Long.parseLong(unixTime.trim()));
        return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
      } catch (NumberFormatException ignored) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}

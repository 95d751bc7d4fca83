package org.webops.dockerhubbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoff_growingRetries_doublesUpToTheCap() {
    // given
    RetryPolicy policy =
        new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(1), () -> 1.0);

    // when / then
    assertEquals(Duration.ofMillis(500), policy.backoff(1));
    assertEquals(Duration.ofSeconds(1), policy.backoff(2));
    assertEquals(Duration.ofSeconds(4), policy.backoff(4));
    assertEquals(Duration.ofSeconds(8), policy.backoff(5));
    assertEquals(Duration.ofSeconds(8), policy.backoff(60));
  }

  @Test
  void backoff_lowestJitter_waitsHalfTheDelay() {
    // given
    RetryPolicy policy =
        new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(1), () -> 0.0);

    // when / then
    assertEquals(Duration.ofMillis(250), policy.backoff(1));
    assertEquals(Duration.ofSeconds(4), policy.backoff(9));
  }
}

package org.webops.dockerhubbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.testing.MutableClock;
import org.webops.dockerhubbot.workflow.RequestCounts;
import org.webops.dockerhubbot.workflow.RequestState;

/** Requests by state read once per few seconds at most, whatever the number of gauges. */
class RequestGaugesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong nanos = new AtomicLong();
  private final List<String> asked = new ArrayList<>();
  private RuntimeException failure;
  private int done = 1;

  private final RequestCounts counts = (from, to) -> {
    asked.add(from + " to " + to);
    if (failure != null) {
      throw failure;
    }
    return new RequestCounts.Counts(Map.of(RequestState.DONE, done), 2);
  };

  RequestGaugesTest() {
    new RequestGauges(counts, new MutableClock(NOW), nanos::get).bindTo(registry);
  }

  @Test
  void gauges_readTwiceWithinFiveSeconds_countedOnceForEveryState() {
    // when
    double doneNow = gauge("dhbot.requests", "state", "done");
    double pending = gauge("dhbot.requests", "state", "pending_approval");
    double expiring = gauge("dhbot.credentials.expiring", "within", "14d");

    // then
    assertThat(doneNow).isEqualTo(1.0);
    assertThat(pending).isZero();
    assertThat(expiring).isEqualTo(2.0);
    assertThat(asked).containsExactly(NOW + " to " + NOW.plus(Duration.ofDays(14)));
  }

  @Test
  void gauges_readAfterFiveSeconds_countedAgain() {
    gauge("dhbot.requests", "state", "done");
    done = 3;
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());

    assertThat(gauge("dhbot.requests", "state", "done")).isEqualTo(3.0);
    assertThat(asked).hasSize(2);
  }

  @Test
  void gauges_databaseFailsLater_lastCountsStay() {
    gauge("dhbot.requests", "state", "done");
    failure = new IllegalStateException("database down");
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());

    assertThat(gauge("dhbot.requests", "state", "done")).isEqualTo(1.0);
    assertThat(asked).hasSize(2);
  }

  @Test
  void gauges_databaseFailsFirst_zeroes() {
    failure = new IllegalStateException("database down");

    assertThat(gauge("dhbot.requests", "state", "done")).isZero();
  }

  private double gauge(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).gauge().value();
  }
}

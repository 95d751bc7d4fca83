package org.webops.dockerhubbot.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.workflow.RequestCounts;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Requests by state and credentials expiring within 14 days, read from the database when scraped:
 * one count per {@link #FRESH} at most, however many gauges or scrapers ask. When the database does
 * not answer, the last counts stay.
 */
final class RequestGauges {
  private static final Logger log = LoggerFactory.getLogger(RequestGauges.class);
  static final String REQUESTS = "dhbot.requests";
  static final String EXPIRING = "dhbot.credentials.expiring";
  static final Duration EXPIRING_WITHIN = Duration.ofDays(14);
  static final Duration FRESH = Duration.ofSeconds(5);

  private final RequestCounts counts;
  private final Clock clock;
  private final LongSupplier nanos;
  private RequestCounts.Counts last;
  private long readAt;

  RequestGauges(RequestCounts counts, Clock clock, LongSupplier nanos) {
    this.counts = counts;
    this.clock = clock;
    this.nanos = nanos;
  }

  void bindTo(MeterRegistry registry) {
    for (RequestState state : RequestState.values()) {
      Gauge.builder(REQUESTS, this, gauges -> gauges.current().byState().get(state))
          .description("Requests in each state").tag("state", Labels.of(state))
          .strongReference(true).register(registry);
    }
    Gauge.builder(EXPIRING, this, gauges -> gauges.current().expiring())
        .description("Live credentials whose token expires within 14 days")
        .tag("within", "14d").strongReference(true)
        .register(registry);
  }

  synchronized RequestCounts.Counts current() {
    long now = nanos.getAsLong();
    if (last == null || now - readAt >= FRESH.toNanos()) {
      Instant from = clock.instant();
      try {
        last = counts.count(from, from.plus(EXPIRING_WITHIN));
        readAt = now;
      } catch (RuntimeException e) {
        log.warn("Counting requests for the metrics failed: {}", e.getClass().getSimpleName());
        if (last == null) {
          return new RequestCounts.Counts(java.util.Map.of(), 0);
        }
      }
    }
    return last;
  }
}

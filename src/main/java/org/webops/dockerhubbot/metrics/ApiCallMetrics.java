package org.webops.dockerhubbot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.http.Endpoint;

/**
 * Docker Hub and CircleCI calls by endpoint template and status, retries by cause, and the waits
 * a rate limit asked for.
 */
final class ApiCallMetrics implements CallMeter {
  static final String CALLS = "dhbot.api.calls";
  static final String RETRIES = "dhbot.api.retries";
  static final String RATE_LIMIT_WAITS = "dhbot.api.rate.limit.waits";
  /** The status of an attempt that got no answer. */
  static final String NO_ANSWER = "none";

  private final MeterRegistry registry;

  ApiCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void answered(String api, String method, Endpoint endpoint, int status, Duration took) {
    call(api, method, endpoint, Integer.toString(status)).record(took);
  }

  @Override
  public void unanswered(String api, String method, Endpoint endpoint, Duration took) {
    call(api, method, endpoint, NO_ANSWER).record(took);
  }

  @Override
  public void retrying(String api, Endpoint endpoint, String reason, Duration wait,
      boolean rateLimited) {
    Counter.builder(RETRIES).description("Calls tried again, by the cause of the retry")
        .tag("api", Labels.api(api)).tag("endpoint", endpoint.template()).tag("reason", reason)
        .register(registry).increment();
    if (rateLimited) {
      Timer.builder(RATE_LIMIT_WAITS)
          .description("Waits before a retry that a rate limit (429) asked for")
          .tag("api", Labels.api(api)).tag("endpoint", endpoint.template())
          .register(registry).record(wait);
    }
  }

  private Timer call(String api, String method, Endpoint endpoint, String status) {
    return Timer.builder(CALLS)
        .description("Docker Hub and CircleCI calls (each attempt) by endpoint template and status")
        .tag("api", Labels.api(api)).tag("method", method).tag("endpoint", endpoint.template())
        .tag("status", status)
        .register(registry);
  }
}

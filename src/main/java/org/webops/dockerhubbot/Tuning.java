package org.webops.dockerhubbot;

import java.time.Clock;
import java.time.Duration;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.provisioning.OperationRunner;

/**
 * Timings that are not configuration but that tests shorten: how long an API call may take, how
 * often the bot looks for runs to resume, how fast it polls a membership and rewrites a card, how
 * often it asks Slack again whether the approval channel is private, how often it looks after
 * credentials, and the clock it reads.
 */
public record Tuning(
    Duration apiReadTimeout,
    RetryPolicy apiRetries,
    OperationRunner.Settings runner,
    Duration resumeInterval,
    Duration pollBase,
    Duration cardInterval,
    Duration channelRecheck,
    Duration lifecycleInterval,
    Clock clock) {

  public static Tuning defaults() {
    return new Tuning(HttpClients.READ_TIMEOUT, RetryPolicy.defaults(),
        OperationRunner.Settings.defaults(), Duration.ofSeconds(10), Duration.ofMinutes(1),
        Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1), Clock.systemUTC());
  }

  /** The same timings with another API read timeout (tests that stop the bot mid-call). */
  public Tuning withApiReadTimeout(Duration timeout) {
    return new Tuning(timeout, apiRetries, runner, resumeInterval, pollBase, cardInterval,
        channelRecheck, lifecycleInterval, clock);
  }

  /** The same timings on another clock (tests that move time instead of waiting). */
  public Tuning withClock(Clock other) {
    return new Tuning(apiReadTimeout, apiRetries, runner, resumeInterval, pollBase, cardInterval,
        channelRecheck, lifecycleInterval, other);
  }
}

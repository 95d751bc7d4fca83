package org.webops.dockerhubbot.secretlinks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;

/**
 * Deletes expired links on a schedule. Each deleted row gets an audit row (no secret values); a
 * link that expired unclaimed also fires {@link SecretLinkEvents#expired}. Safe to run on several
 * instances: each row is reported by the one purger that deleted it.
 */
public final class ExpiredLinkPurger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExpiredLinkPurger.class);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private final SecretLinkStore store;
  private final AuditLog audit;
  private final SecretLinkEvents events;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Duration interval;
  private ScheduledFuture<?> task;

  public ExpiredLinkPurger(
      SecretLinkStore store,
      AuditLog audit,
      SecretLinkEvents events,
      ScheduledExecutorService scheduler,
      Clock clock,
      Duration interval) {
    this.store = Objects.requireNonNull(store);
    this.audit = Objects.requireNonNull(audit);
    this.events = Objects.requireNonNull(events);
    this.scheduler = Objects.requireNonNull(scheduler);
    this.clock = Objects.requireNonNull(clock);
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.interval = interval;
  }

  /** Runs {@link #purgeOnce()} now and then every interval, until {@link #close()}. */
  public synchronized void start() {
    if (task != null) {
      throw new IllegalStateException("already started");
    }
    task =
        scheduler.scheduleWithFixedDelay(
            this::purgeQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Purges what has expired by now; returns what this call deleted. */
  public List<SecretLinkStore.PurgedLink> purgeOnce() {
    var now = clock.instant();
    List<SecretLinkStore.PurgedLink> purged = store.purgeExpired(now);
    for (SecretLinkStore.PurgedLink link : purged) {
      audit.record(
          new AuditEvent(
              link.requestId(), SecretLinks.ACTOR,
              link.wasClaimed() || link.wasReplaced() ? "secret-link-purged"
                  : "secret-link-expired",
              link.wasClaimed()
                  ? "claimed one-time link " + link.id() + " deleted after expiry"
                  : link.wasReplaced()
                      ? "replaced one-time link " + link.id() + " deleted after expiry"
                      : "one-time link " + link.id() + " expired unclaimed and was deleted",
              now));
      if (!link.wasClaimed() && !link.wasReplaced()) {
        try {
          events.expired(link);
        } catch (RuntimeException e) {
          log.warn("expired-event for link {} failed: {}", link.id(), e.toString());
        }
      }
    }
    if (!purged.isEmpty()) {
      log.info("purged {} expired secret link(s)", purged.size());
    }
    return purged;
  }

  private void purgeQuietly() {
    try {
      purgeOnce();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log and keep the schedule alive.
      log.warn("purging expired secret links failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}

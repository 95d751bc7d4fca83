package org.webops.dockerhubbot.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.logs.LogContext;

/**
 * Coalesces card rewrites: a burst of step changes makes at most one {@code chat.update} per card
 * per interval. The rewrite reads the request when it runs, so it always shows the latest state.
 */
public final class CardUpdates {
  private static final Logger log = LoggerFactory.getLogger(CardUpdates.class);

  /** Runs a task after a delay (a scheduled executor in production, a list in tests). */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Runnable task, Duration delay);

    /** After the delay on {@code timer}, then on the Slack work pool. */
    static Scheduler on(ScheduledExecutorService timer, AsyncWork async) {
      return (task, delay) -> timer.schedule(() -> async.run("rewriting a card", task),
          delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private final LongConsumer rewrite;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Duration interval;
  private final Set<Long> pending = ConcurrentHashMap.newKeySet();
  private final Map<Long, Instant> lastRewrite = new ConcurrentHashMap<>();

  public CardUpdates(LongConsumer rewrite, Scheduler scheduler, Clock clock, Duration interval) {
    this.rewrite = rewrite;
    this.scheduler = scheduler;
    this.clock = clock;
    this.interval = interval;
  }

  public void changed(long requestId) {
    if (!pending.add(requestId)) {
      return; // a rewrite is coming and will read this change too
    }
    Instant last = lastRewrite.get(requestId);
    Duration wait = last == null ? Duration.ZERO : Duration.between(clock.instant(), last.plus(interval));
    scheduler.schedule(() -> rewrite(requestId), wait.isNegative() ? Duration.ZERO : wait);
  }

  private void rewrite(long requestId) {
    pending.remove(requestId); // before reading: a change from now on schedules another rewrite
    Instant now = clock.instant();
    lastRewrite.put(requestId, now);
    lastRewrite.values().removeIf(at -> at.isBefore(now.minus(interval.multipliedBy(10))));
    try (LogContext.Scope scope = LogContext.request(requestId)) {
      try {
        rewrite.accept(requestId);
      } catch (RuntimeException e) {
        log.warn("Rewriting the card of request #{} failed: {}", requestId, e.getMessage());
      }
    }
  }
}

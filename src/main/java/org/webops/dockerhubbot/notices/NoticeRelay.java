package org.webops.dockerhubbot.notices;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.logs.LogContext;

/**
 * Delivers the outbox: at once when this instance has just written a notice ({@link #nudge}),
 * and on a timer for what other instances, a crash or a Slack failure left behind. One delivery
 * pass runs at a time per instance; across instances the store's leases keep a notice with one
 * sender. A notice is delivered at least once; a crash between the send and its record can send
 * it a second time, and the sender recognises a thread reply that is already there.
 */
public final class NoticeRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NoticeRelay.class);
  private static final int BATCH = 20;
  /** Far longer than a Slack call; an instance that died mid-delivery holds its notice this long. */
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(10);
  private static final Duration KEEP_DELIVERED = Duration.ofDays(7);

  private final NoticeStore store;
  private final NoticeSender sender;
  private final ScheduledExecutorService executor;
  private final String owner;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;

  /** @param executor runs one pass at a time (a single thread) */
  public NoticeRelay(NoticeStore store, NoticeSender sender, ScheduledExecutorService executor,
      String owner) {
    this.store = store;
    this.sender = sender;
    this.executor = executor;
    this.owner = owner;
  }

  /**
   * Looks for notices every {@code interval}, and purges old delivered ones hourly.
   *
   * @param embedded no other process can use the database, so every lease in it is a dead one
   */
  public void start(Duration interval, boolean embedded) {
    if (embedded) {
      store.releaseAll();
    }
    executor.scheduleWithFixedDelay(this::nudge, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
  }

  /** Delivers what is due soon, on the relay's thread; many nudges make one pass. */
  public void nudge() {
    if (closed || !scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::deliverDue);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      scheduled.set(false);
    }
  }

  /** One pass: delivers every notice that is due now. Public for tests with a direct executor. */
  public void deliverDue() {
    scheduled.set(false); // a nudge from now on makes another pass
    try {
      while (!closed) {
        List<PendingNotice> batch = store.claim(owner, LEASE, BATCH);
        if (batch.isEmpty()) {
          return;
        }
        batch.forEach(this::deliver);
      }
    } catch (RuntimeException e) {
      log.warn("Delivering notices failed: {}; the next pass tries again", e.getMessage());
    }
  }

  private void deliver(PendingNotice pending) {
    try (LogContext.Scope scope = LogContext.request(pending.notice().requestId())) {
      deliverInScope(pending);
    }
  }

  private void deliverInScope(PendingNotice pending) {
    NoticeSender.Result result;
    try {
      result = sender.send(pending);
    } catch (RuntimeException e) {
      log.warn("Notice {} of request #{} not delivered: {}", pending.id(),
          pending.notice().requestId(), e.getMessage());
      result = NoticeSender.Result.RETRY;
    }
    if (result == NoticeSender.Result.DELIVERED) {
      store.delivered(pending.id(), owner);
      return;
    }
    store.retryLater(pending.id(), owner, retryIn(pending.earlierTries()));
  }

  /** 5 s, doubling, at most ten minutes apart. */
  static Duration retryIn(int earlierTries) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(earlierTries, 10));
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }

  private void purge() {
    try {
      int purged = store.purgeDelivered(KEEP_DELIVERED);
      if (purged > 0) {
        log.info("Purged {} delivered notice(s)", purged);
      }
    } catch (RuntimeException e) {
      log.warn("Purging delivered notices failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}

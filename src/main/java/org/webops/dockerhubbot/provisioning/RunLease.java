package org.webops.dockerhubbot.provisioning;

import java.time.Duration;
import org.webops.dockerhubbot.http.Fence;

/**
 * One runner's hold on an operation. The database keeps the lease's end by its own clock; this
 * object keeps a conservative local deadline (measured from before each renewal was sent, minus
 * a margin), so that a run can stop before an external call without asking the database. Every
 * run write names {@link #owner()} and is refused by the database once another owner holds it.
 */
public final class RunLease implements Fence {
  private final long operationId;
  private final long requestId;
  private final String owner;
  private final Duration length;
  private final Duration margin;
  private volatile long validUntilNanos;
  private volatile String lost;

  /** @param sentAtNanos {@link System#nanoTime()} before the statement that took the lease */
  public RunLease(long operationId, long requestId, String owner, Duration length,
      long sentAtNanos) {
    this.operationId = operationId;
    this.requestId = requestId;
    this.owner = owner;
    this.length = length;
    this.margin = length.dividedBy(10);
    renewed(sentAtNanos);
  }

  public long operationId() {
    return operationId;
  }

  /** The request whose credential the operation works on. */
  public long requestId() {
    return requestId;
  }

  public String owner() {
    return owner;
  }

  public Duration length() {
    return length;
  }

  /** A renewal sent at {@code sentAtNanos} succeeded. */
  public void renewed(long sentAtNanos) {
    validUntilNanos = sentAtNanos + length.minus(margin).toNanos();
  }

  /** The lease is gone: every later {@link #check()} throws. */
  public void lose(String why) {
    lost = why;
  }

  public boolean isLost() {
    return lost != null || System.nanoTime() - validUntilNanos > 0;
  }

  /** Throws {@link LeaseLostException} unless the lease is certainly still held. */
  @Override
  public void check() {
    String why = lost;
    if (why != null) {
      throw new LeaseLostException(requestId, why);
    }
    if (System.nanoTime() - validUntilNanos > 0) {
      throw new LeaseLostException(requestId, "no renewal within " + length.toMillis() + " ms");
    }
  }
}

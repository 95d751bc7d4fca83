package org.webops.dockerhubbot.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on an observable condition with a bounded timeout; never a fixed sleep. */
public final class Await {
  private static final Duration DEFAULT = Duration.ofSeconds(10);

  private Await() {}

  /** Waits until {@code probe} finds something, and returns it. */
  public static <T> T first(Supplier<java.util.Optional<T>> probe, String what) {
    java.util.concurrent.atomic.AtomicReference<T> found = new java.util.concurrent.atomic.AtomicReference<>();
    until(() -> probe.get().map(value -> {
      found.set(value);
      return true;
    }).orElse(false), DEFAULT, () -> what);
    return found.get();
  }

  public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for: "
            + what.get());
      }
      LockSupport.parkNanos(5_000_000); // poll interval, not a wait for a result
    }
  }
}

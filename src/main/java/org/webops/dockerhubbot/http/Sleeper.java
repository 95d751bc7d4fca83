package org.webops.dockerhubbot.http;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits between retries. Injected so that tests record the waits instead of waiting. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedIOException;

  /** Really sleeps the current thread. */
  Sleeper REAL =
      duration -> {
        try {
          Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting to retry");
        }
      };
}

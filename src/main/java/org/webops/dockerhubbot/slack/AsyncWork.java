package org.webops.dockerhubbot.slack;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.logs.LogContext;

/**
 * Runs work after the ack on the injected executor, with the log context of the handler that
 * hands it over, and logs what fails instead of losing it.
 */
public final class AsyncWork {
  private static final Logger log = LoggerFactory.getLogger(AsyncWork.class);

  private final Executor executor;

  public AsyncWork(Executor executor) {
    this.executor = executor;
  }

  public void run(String what, Runnable work) {
    executor.execute(LogContext.carrying(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        log.error("{} failed: {}", what, e.getMessage(), e);
      }
    }));
  }
}

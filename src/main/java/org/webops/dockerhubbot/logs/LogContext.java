package org.webops.dockerhubbot.logs;

import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * What a log line is about, kept in slf4j's MDC while it is in scope: the request
 * ({@value #REQUEST_ID}), the operation on it ({@value #OPERATION}, {@code KIND#id}) and the step
 * a run is at ({@value #STEP}). The JSON log writes them as fields; the readable one leaves them
 * out, its messages name the request already. Ids and names only: nothing a person typed, no
 * secret.
 *
 * <p>A scope restores on close what the thread had before, so scopes nest (a run started from a
 * click keeps the click's request id around the run's own). Work handed to another thread takes
 * the context along through {@link #carrying(Runnable)}.
 */
public final class LogContext {
  public static final String REQUEST_ID = "request_id";
  public static final String OPERATION = "operation";
  public static final String STEP = "step";

  private LogContext() {}

  /** Until closed, the thread's log lines are about this request; an id below 1 adds nothing. */
  public static Scope request(long requestId) {
    Scope scope = new Scope(MDC.getCopyOfContextMap());
    if (requestId > 0) {
      MDC.put(REQUEST_ID, Long.toString(requestId));
    }
    return scope;
  }

  /** Until closed, the thread's log lines are about this operation ({@code PROVISION#12}). */
  public static Scope operation(long requestId, long operationId, String kind) {
    Scope scope = request(requestId);
    MDC.put(OPERATION, kind + "#" + operationId);
    return scope;
  }

  /** Until closed, the thread's log lines are about this step of the operation in scope. */
  public static Scope step(String step) {
    Scope scope = new Scope(MDC.getCopyOfContextMap());
    MDC.put(STEP, step);
    return scope;
  }

  /** {@code task} run with the context of the thread that calls this, wherever it runs. */
  public static Runnable carrying(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Scope scope = new Scope(MDC.getCopyOfContextMap());
      set(context);
      try {
        task.run();
      } finally {
        scope.close();
      }
    };
  }

  /** An executor whose tasks run with the context of the thread that handed them over. */
  public static Executor carrying(Executor executor) {
    return task -> executor.execute(carrying(task));
  }

  private static void set(Map<String, String> context) {
    if (context == null || context.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }

  /** Puts back what the thread's context was when the scope opened. */
  public static final class Scope implements AutoCloseable {
    private final Map<String, String> before;

    private Scope(Map<String, String> before) {
      this.before = before;
    }

    @Override
    public void close() {
      set(before);
    }
  }
}

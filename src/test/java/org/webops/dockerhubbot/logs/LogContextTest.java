package org.webops.dockerhubbot.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void operation_inScope_requestOperationAndStepSetThenRemoved() {
    // when
    try (LogContext.Scope operation = LogContext.operation(12, 34, "PROVISION");
        LogContext.Scope step = LogContext.step("CREATE_ORG_TOKEN")) {
      // then
      assertThat(MDC.getCopyOfContextMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "request_id", "12", "operation", "PROVISION#34", "step", "CREATE_ORG_TOKEN"));
    }
    assertThat(context()).isEmpty();
  }

  @Test
  void request_nestedInAnotherRequest_restoresTheOuterOneOnClose() {
    try (LogContext.Scope outer = LogContext.request(1)) {
      try (LogContext.Scope inner = LogContext.operation(2, 3, "ROTATE")) {
        assertThat(MDC.get(LogContext.REQUEST_ID)).isEqualTo("2");
      }
      assertThat(context()).containsExactly(Map.entry("request_id", "1"));
    }
    assertThat(context()).isEmpty();
  }

  @Test
  void request_unreadableId_addsNothing() {
    try (LogContext.Scope scope = LogContext.request(-1)) {
      assertThat(context()).isEmpty();
    }
  }

  @Test
  void carrying_taskOnAnotherThread_runsWithTheCallersContextThenRestoresTheThreads()
      throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      // given: the pool's thread has something left over from earlier work
      pool.submit(() -> MDC.put("leftover", "x")).get();
      CompletableFuture<Map<String, String>> inside = new CompletableFuture<>();
      try (LogContext.Scope scope = LogContext.request(7)) {
        // when
        pool.execute(LogContext.carrying(() -> inside.complete(context())));
      }

      // then
      assertThat(inside.get()).containsExactly(Map.entry("request_id", "7"));
      assertThat(pool.submit(LogContextTest::context).get())
          .as("the thread's own context is back after the task")
          .containsExactly(Map.entry("leftover", "x"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, String> context() {
    Map<String, String> map = MDC.getCopyOfContextMap();
    return map == null ? Map.of() : new HashMap<>(map);
  }
}

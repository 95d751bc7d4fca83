package org.webops.dockerhubbot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need something outside the JVM (Chromium, a PostgreSQL server). {@code .ci/run}
 * installs them and sets {@code REQUIRE_EXTERNAL_TESTS=true}, which turns a missing one into a
 * failure; on a machine with only a JDK and Maven such tests are reported as skipped.
 */
public final class External {
  private External() {}

  public static void require(String what, boolean available, String howToGetIt) {
    if (available) {
      return;
    }
    if ("true".equals(System.getenv("REQUIRE_EXTERNAL_TESTS"))) {
      fail(what + " is required for this run but missing: " + howToGetIt);
    }
    Assumptions.abort(what + " is not available on this machine; skipped (" + howToGetIt + ")");
  }
}

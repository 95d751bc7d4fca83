package org.webops.dockerhubbot.web;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.webops.dockerhubbot.health.HealthCheck;

/**
 * {@code GET /health}: always 200 while the process serves (platforms restart an instance that
 * does not answer, and a restart mends none of these), with each check's state; the status is
 * {@code degraded} when one is failing. A check shows one word or reason ({@code database},
 * {@code approvers}) or an object ({@code credentials}: one entry per credential).
 */
public final class HealthRoutes implements Routes {
  private final List<HealthCheck> checks;

  public HealthRoutes(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/health", ctx -> {
      Map<String, Object> parts = new LinkedHashMap<>();
      boolean ok = true;
      for (HealthCheck check : checks) {
        HealthCheck.Status status = check.status();
        ok &= status.ok();
        parts.put(check.name(), status.shown());
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", ok ? "ok" : "degraded");
      body.putAll(parts);
      ctx.header("Cache-Control", "no-store").json(body);
    });
  }
}

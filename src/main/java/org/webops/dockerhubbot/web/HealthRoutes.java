package org.webops.dockerhubbot.web;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /health}: always 200 while the process serves, saying whether the database answers. */
public final class HealthRoutes implements Routes {
  private final BooleanSupplier databaseUp;

  public HealthRoutes(BooleanSupplier databaseUp) {
    this.databaseUp = databaseUp;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/health", ctx -> {
      boolean database = databaseUp.getAsBoolean();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", database ? "ok" : "degraded");
      body.put("database", database ? "up" : "down");
      ctx.header("Cache-Control", "no-store").json(body);
    });
  }
}

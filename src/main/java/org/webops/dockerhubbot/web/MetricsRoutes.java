package org.webops.dockerhubbot.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in the Prometheus text format, only for {@code Authorization: Bearer
 * <METRICS_TOKEN>}; any other request gets 401 with the reason. Added only when the token is set,
 * so without it the path is unknown (404). The token is compared in constant time.
 */
public final class MetricsRoutes implements Routes {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String BEARER = "Bearer ";

  private final byte[] tokenDigest;
  private final Supplier<String> scrape;

  /** @param scrape the registry's text, read for each authorised request */
  public MetricsRoutes(String token, Supplier<String> scrape) {
    this.tokenDigest = digest(token);
    this.scrape = scrape;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/metrics", ctx -> {
      ctx.header("Cache-Control", "no-store");
      String refusal = refusal(ctx);
      if (refusal != null) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"")
            .status(HttpStatus.UNAUTHORIZED).result(refusal);
        return;
      }
      ctx.contentType(CONTENT_TYPE).result(scrape.get());
    });
  }

  /** Why the request may not read the metrics, or null when it may. */
  private String refusal(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return "Send Authorization: Bearer <METRICS_TOKEN>";
    }
    String given = header.substring(BEARER.length()).trim();
    return MessageDigest.isEqual(digest(given), tokenDigest) ? null : "Wrong metrics token";
  }

  /** Comparing digests takes the same time whatever the lengths and the first difference. */
  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

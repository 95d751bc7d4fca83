package org.webops.dockerhubbot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webops.dockerhubbot.secretlinks.ClaimRateLimiter;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore;
import org.webops.dockerhubbot.secretlinks.SecretLinks;

/**
 * The one-time link pages: {@code GET|HEAD /s/{id}} (changes nothing), {@code POST /s/{id}/claim}
 * (hands out the ciphertext once, rate-limited per client address) and the page's own script and
 * style under {@code /s/assets/}. Every response carries the security headers of
 * {@link #SECURITY_HEADERS}. Unknown, claimed and expired ids all get the same 404 "gone" page.
 */
public final class SecretLinkRoutes implements Routes {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  public static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Cache-Control", "no-store",
          "Pragma", "no-cache",
          "Referrer-Policy", "no-referrer",
          "X-Robots-Tag", "noindex, nofollow",
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Cross-Origin-Opener-Policy", "same-origin");

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JSON = "application/json";
  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final SecretLinks links;
  private final ClaimRateLimiter limiter;
  private final ObjectMapper json = new ObjectMapper();
  private final String pageTemplate = resource("page.html");
  private final String gonePage = resource("gone.html");
  private final String replacedPage = resource("replaced.html");
  private final byte[] script = resource("reveal.js").getBytes(StandardCharsets.UTF_8);
  private final byte[] style = resource("reveal.css").getBytes(StandardCharsets.UTF_8);

  public SecretLinkRoutes(SecretLinks links, ClaimRateLimiter limiter) {
    this.links = Objects.requireNonNull(links);
    this.limiter = Objects.requireNonNull(limiter);
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/s/assets/reveal.js", secured(ctx -> asset(ctx, "text/javascript", script)));
    routes.get("/s/assets/reveal.css", secured(ctx -> asset(ctx, "text/css", style)));
    routes.get("/s/{id}", secured(this::page));
    routes.head("/s/{id}", secured(this::head));
    routes.post("/s/{id}/claim", secured(this::claim));
  }

  private static Handler secured(Handler handler) {
    return ctx -> {
      SECURITY_HEADERS.forEach(ctx::header);
      handler.handle(ctx);
    };
  }

  private void asset(Context ctx, String type, byte[] body) {
    ctx.contentType(type + "; charset=utf-8").result(body);
  }

  private void page(Context ctx) {
    Optional<SecretLinkStore.LinkInfo> info = links.find(ctx.pathParam("id"));
    ctx.contentType(HTML);
    if (info.isEmpty()) {
      boolean replaced = links.isReplaced(ctx.pathParam("id"));
      ctx.status(replaced ? 410 : 404).result(replaced ? replacedPage : gonePage);
      return;
    }
    SecretLinkStore.LinkInfo link = info.get();
    ctx.status(200).result(render(link));
  }

  private void head(Context ctx) {
    boolean claimable = links.find(ctx.pathParam("id")).isPresent();
    ctx.contentType(HTML).status(claimable ? 200
        : links.isReplaced(ctx.pathParam("id")) ? 410 : 404);
  }

  private void claim(Context ctx) throws IOException {
    ctx.contentType(JSON);
    if (!limiter.tryAcquire(ctx.ip())) {
      ctx.header("Retry-After", Long.toString(Math.max(1, limiter.window().toSeconds())));
      ctx.status(429).result("{\"error\":\"too many attempts\"}");
      return;
    }
    Optional<SecretLinks.Claimed> claimed = links.claim(ctx.pathParam("id"), ctx.ip());
    if (claimed.isEmpty()) {
      boolean replaced = links.isReplaced(ctx.pathParam("id"));
      ctx.status(replaced ? 410 : 404)
          .result(replaced ? "{\"error\":\"replaced\"}" : "{\"error\":\"gone\"}");
      return;
    }
    SecretLinks.Claimed c = claimed.get();
    ctx.status(200)
        .result(json.writeValueAsString(Map.of("ciphertext", c.ciphertext(), "iv", c.iv())));
  }

  private String render(SecretLinkStore.LinkInfo link) {
    return pageTemplate
        .replace("{{id}}", escape(link.id()))
        .replace("{{title}}", escape(link.title()))
        .replace("{{requestId}}", Long.toString(link.requestId()))
        .replace("{{pipeline}}", escape(link.pipeline()))
        .replace("{{expiresAt}}", escape(EXPIRY.format(link.expiresAt())));
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  private static String resource(String name) {
    try (InputStream in = SecretLinkRoutes.class.getResourceAsStream("/secretlinks/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /secretlinks/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

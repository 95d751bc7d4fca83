package org.webops.dockerhubbot.secretlinks;

import org.webops.dockerhubbot.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret-link routes over real HTTP on loopback. */
class SecretLinkRoutesIT {
  @TempDir Path dir;
  private TestServer server;
  private LogCapture logs;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer start(ClaimRateLimiter limiter) {
    logs = new LogCapture();
    server = new TestServer(dir, limiter);
    return server;
  }

  private TestServer start() {
    return start(new ClaimRateLimiter(1000, Duration.ofMinutes(1)));
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  private SecretLink newLink(Duration ttl) {
    return server.links.create(SecretLinksTest.PAYLOAD, "U0AUDIENCE", server.requestId, ttl);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(20))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertSecurityHeaders(HttpResponse<?> response) {
    var h = response.headers();
    String where = response.request().method() + " " + response.uri().getPath();
    assertEquals("no-store", h.firstValue("Cache-Control").orElse(""), where);
    assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(""), where);
    assertTrue(h.firstValue("X-Robots-Tag").orElse("").contains("noindex"), where);
    assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""), where);
    String csp = h.firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'none'"), where + csp);
    assertTrue(csp.contains("script-src 'self'"), where + csp);
    assertTrue(csp.contains("style-src 'self'"), where + csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), where + csp);
    assertFalse(csp.contains("unsafe-inline"), where + csp);
  }

  @Test
  void getAndHead_claimableLink_showPurposeAndLeaveItClaimable() throws Exception {
    // given
    start();
    SecretLink link = newLink(Duration.ofHours(24));
    // when
    HttpResponse<String> head = send("HEAD", "/s/" + link.id());
    HttpResponse<String> page = send("GET", "/s/" + link.id());
    HttpResponse<String> pageAgain = send("GET", "/s/" + link.id());
    // then
    assertEquals(200, head.statusCode());
    assertEquals(200, page.statusCode());
    assertEquals(page.body(), pageAgain.body());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("#" + server.requestId), page.body());
    assertTrue(page.body().contains("gh/org/repo"));
    assertTrue(page.body().contains(">Reveal</button>"));
    assertTrue(page.body().contains("src=\"assets/reveal.js\""));
    assertFalse(page.body().contains("<script>"), "no inline script");
    assertFalse(page.body().contains("http"), "no external resource");
    assertEquals(200, send("POST", "/s/" + link.id() + "/claim").statusCode());
  }

  @Test
  void claim_twice_firstGetsCiphertextSecondGetsGone() throws Exception {
    // given
    start();
    SecretLink link = newLink(Duration.ofHours(24));
    // when
    HttpResponse<String> first = send("POST", "/s/" + link.id() + "/claim");
    HttpResponse<String> second = send("POST", "/s/" + link.id() + "/claim");
    // then
    assertEquals(200, first.statusCode());
    assertEquals("application/json", first.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = new ObjectMapper().readTree(first.body());
    var claimed = new SecretLinks.Claimed(body.get("ciphertext").asText(), body.get("iv").asText());
    JsonNode payload = SecretLinksTest.decrypt(claimed, link.id(), SecretLinksTest.keyOf(link));
    assertEquals("Pw-7hq2!Zr9#kLm", payload.get("fields").get(1).get("value").asText());
    assertEquals(404, second.statusCode());
    assertEquals(List.of("claimed " + link.id()), server.events);
    assertEquals(404, send("GET", "/s/" + link.id()).statusCode());
    assertEquals(404, send("HEAD", "/s/" + link.id()).statusCode());
  }

  @Test
  void getAndClaim_goneLinks_allAnswerTheSame404Page() throws Exception {
    // given
    start();
    SecretLink claimed = newLink(Duration.ofHours(24));
    SecretLink expired = newLink(Duration.ofMinutes(10));
    send("POST", "/s/" + claimed.id() + "/claim");
    server.clock.advance(Duration.ofMinutes(10));
    // when
    HttpResponse<String> claimedPage = send("GET", "/s/" + claimed.id());
    HttpResponse<String> expiredPage = send("GET", "/s/" + expired.id());
    HttpResponse<String> unknownPage = send("GET", "/s/AAAAAAAAAAAAAAAAAAAAAA");
    HttpResponse<String> malformedPage = send("GET", "/s/x%3Cscript%3E");
    HttpResponse<String> expiredClaim = send("POST", "/s/" + expired.id() + "/claim");
    // then
    for (HttpResponse<String> r : List.of(claimedPage, expiredPage, unknownPage, malformedPage)) {
      assertEquals(404, r.statusCode());
      assertEquals(claimedPage.body(), r.body());
      assertSecurityHeaders(r);
    }
    assertTrue(claimedPage.body().contains("This link is gone"));
    assertEquals(404, expiredClaim.statusCode());
  }

  @Test
  void claim_fiftyConcurrentRequests_exactlyOne200() throws Exception {
    // given
    start();
    SecretLink link = newLink(Duration.ofHours(24));
    int clients = 50;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        statuses.add(
            pool.submit(
                () -> {
                  go.await();
                  return send("POST", "/s/" + link.id() + "/claim").statusCode();
                }));
      }
      // when
      go.countDown();
      Map<Integer, Integer> counts = new java.util.TreeMap<>();
      for (Future<Integer> s : statuses) {
        counts.merge(s.get(60, TimeUnit.SECONDS), 1, Integer::sum);
      }
      // then
      assertEquals(Map.of(200, 1, 404, clients - 1), counts);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everySecretRoute_anyOutcome_sendsSecurityHeaders() throws Exception {
    // given
    start();
    SecretLink link = newLink(Duration.ofHours(24));
    String s = "/s/" + link.id();
    // when
    List<HttpResponse<String>> responses =
        List.of(
            send("GET", s), send("HEAD", s), send("GET", "/s/assets/reveal.js"),
            send("GET", "/s/assets/reveal.css"), send("POST", s + "/claim"),
            send("POST", s + "/claim"), send("GET", s), send("HEAD", s));
    // then
    responses.forEach(SecretLinkRoutesIT::assertSecurityHeaders);
  }

  @Test
  void assets_served_withTheirContentTypes() throws Exception {
    // given
    start();
    // when
    HttpResponse<String> js = send("GET", "/s/assets/reveal.js");
    HttpResponse<String> css = send("GET", "/s/assets/reveal.css");
    // then
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertTrue(js.body().contains("crypto.subtle.decrypt"));
    assertEquals(200, css.statusCode());
    assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
  }

  @Test
  void claim_beyondRateLimit_answers429AndLeavesSecretClaimable() throws Exception {
    // given
    start(new ClaimRateLimiter(3, Duration.ofMinutes(1)));
    SecretLink link = newLink(Duration.ofHours(24));
    for (int i = 0; i < 3; i++) {
      assertEquals(404, send("POST", "/s/AAAAAAAAAAAAAAAAAAAAA" + i + "/claim").statusCode());
    }
    // when
    HttpResponse<String> limited = send("POST", "/s/" + link.id() + "/claim");
    // then
    assertEquals(429, limited.statusCode());
    assertEquals("60", limited.headers().firstValue("Retry-After").orElse(""));
    assertSecurityHeaders(limited);
    assertEquals(200, send("HEAD", "/s/" + link.id()).statusCode());
  }

  @Test
  void wholeFlow_overHttp_logsNeitherKeyNorPlaintext() throws Exception {
    // given
    start();
    SecretLink link = newLink(Duration.ofHours(24));
    // when
    send("GET", "/s/" + link.id());
    HttpResponse<String> claim = send("POST", "/s/" + link.id() + "/claim");
    // then
    assertEquals(200, claim.statusCode());
    SecretLinksTest.assertNoSecret(logs.text(), SecretLinksTest.keyOf(link));
  }
}

package org.webops.dockerhubbot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short, self-contained run of the real start-up and one signed Slack request, made while
 * packaging under {@code -XX:ArchiveClassesAtExit} so that the deploy files can start the bot
 * from a class-data-sharing archive (about half the cold start). Talks only to loopback.
 */
final class CdsTraining {
  private static final String SIGNING_SECRET = "cds-training-secret";

  private CdsTraining() {}

  static void run() throws IOException, InterruptedException, GeneralSecurityException {
    LogSetup.quiet();
    HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slack.createContext("/", exchange -> {
      // One answer for every method: auth.test's fields, and a private approval channel.
      byte[] ok = ("{\"ok\":true,\"user_id\":\"U0\",\"team_id\":\"T0\",\"bot_id\":\"B0\","
          + "\"channel\":{\"id\":\"C0TRAINING\",\"is_private\":true}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ok.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(ok);
      }
    });
    slack.start();
    Path dir = Files.createTempDirectory("cds-training");
    Map<String, String> env = Map.ofEntries(
        Map.entry("PORT", "0"),
        Map.entry("SLACK_BOT_TOKEN", "xoxb-cds-training"),
        Map.entry("SLACK_SIGNING_SECRET", SIGNING_SECRET),
        Map.entry("SLACK_APPROVAL_CHANNEL", "C0TRAINING"),
        Map.entry("DOCKERHUB_ORG", "training"),
        Map.entry("DOCKERHUB_ADMIN_USERNAME", "training"),
        Map.entry("DOCKERHUB_ADMIN_PASSWORD", "training-password"),
        Map.entry("CIRCLECI_TOKEN", "training"),
        Map.entry("PUBLIC_BASE_URL", "http://127.0.0.1/"),
        Map.entry("DATA_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32])),
        Map.entry("DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()),
        Map.entry("SLACK_API_URL", "http://127.0.0.1:" + slack.getAddress().getPort() + "/api/"),
        // The credential checks run at start-up: they too stay on loopback.
        Map.entry("DOCKERHUB_API_URL", "http://127.0.0.1:" + slack.getAddress().getPort()),
        Map.entry("CIRCLECI_API_URL", "http://127.0.0.1:" + slack.getAddress().getPort()
            + "/api/v2"));
    try (Wiring wiring = Wiring.start(Config.fromEnvironment(env))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + wiring.port();
      http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.discarding());
      String body = "command=" + URLEncoder.encode("/dockerhub-user", StandardCharsets.UTF_8)
          + "&text=help&user_id=U0&channel_id=C0&team_id=T0&trigger_id=t";
      long now = Instant.now().getEpochSecond();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = "v0=" + HexFormat.of().formatHex(
          mac.doFinal(("v0:" + now + ":" + body).getBytes(StandardCharsets.UTF_8)));
      http.send(HttpRequest.newBuilder(URI.create(base + "/slack/events"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("X-Slack-Request-Timestamp", Long.toString(now))
              .header("X-Slack-Signature", signature)
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding());
    } finally {
      slack.stop(0);
    }
  }
}

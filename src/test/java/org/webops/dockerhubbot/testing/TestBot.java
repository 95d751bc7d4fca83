package org.webops.dockerhubbot.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.webops.dockerhubbot.Config;
import org.webops.dockerhubbot.Tuning;
import org.webops.dockerhubbot.Wiring;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.provisioning.OperationRunner;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcRequestRepository;
import org.webops.dockerhubbot.workflow.RequestRepository;

/** The whole application on loopback, against a fake Slack and an H2 file in a temp folder. */
public final class TestBot implements AutoCloseable {
  public static final String SIGNING_SECRET = "test-signing-secret-8f2a61c0";
  public static final String BOT_TOKEN = "xoxb-test-bot-token-77aa";
  public static final String APPROVAL_CHANNEL = "C0APPROVAL";
  public static final String ORG = "exampleorg";
  public static final String TEAM = "ci-pullers";
  /** An organisation access token: it manages members and teams, not organisation tokens. */
  public static final String ADMIN_TOKEN = "dckr_oat_test-admin-token";
  /** The default admin: an organisation owner's password login, which every kind needs. */
  public static final String ADMIN_USER = "webops-owner";
  public static final String ADMIN_PASSWORD = "owner-password-Zq8#p";
  public static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private final FakeSlack slack;
  private final FakeCircleCi circleci;
  private final FakeDockerHub dockerhub;
  private final Map<String, String> env;
  private final OkHttpClient http = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(10)).build();
  private final Tuning tuning;
  private final ShiftedClock clock = new ShiftedClock();
  private Wiring wiring;

  /**
   * Short timings so that the tests need not wait: an API call times out after a second, retries
   * and step retries come after milliseconds, waiting runs are looked at five times a second.
   */
  public static final Tuning TUNING = new Tuning(Duration.ofSeconds(1),
      new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(2),
          () -> 1.0),
      new OperationRunner.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), 4,
          Duration.ofMillis(20)),
      Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(200),
      Duration.ofMillis(200), java.time.Clock.systemUTC());

  public TestBot(Path dataDir, FakeSlack slack, Map<String, String> overrides) {
    this(dataDir, slack, overrides, TUNING);
  }

  public TestBot(Path dataDir, FakeSlack slack, Map<String, String> overrides, Tuning tuning) {
    this.slack = slack;
    this.tuning = tuning.withClock(clock);
    try {
      this.circleci = new FakeCircleCi();
      this.dockerhub = newDockerHub();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.env = new HashMap<>(baseEnvironment(dataDir, slack, circleci));
    this.env.put("DOCKERHUB_API_URL", dockerhub.apiUrl());
    this.env.putAll(overrides);
    try {
      start();
    } catch (RuntimeException e) {
      circleci.close();
      dockerhub.close();
      throw e;
    }
  }

  /** A fake Docker Hub whose organisation has the admin owner of {@link #baseEnvironment}. */
  public static FakeDockerHub newDockerHub() throws IOException {
    FakeDockerHub hub = new FakeDockerHub(ORG, TEAM, ADMIN_TOKEN);
    hub.signUp(ADMIN_USER, ADMIN_PASSWORD);
    hub.addOwner(ADMIN_USER);
    return hub;
  }

  public static Map<String, String> baseEnvironment(Path dataDir, FakeSlack slack,
      FakeCircleCi circleci) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
    env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
    env.put("SLACK_APPROVAL_CHANNEL", APPROVAL_CHANNEL);
    env.put("DOCKERHUB_ORG", ORG);
    env.put("DOCKERHUB_TEAM", TEAM);
    env.put("DOCKERHUB_ADMIN_USERNAME", ADMIN_USER);
    env.put("DOCKERHUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("SERVICE_EMAIL_TEMPLATE", "webops+{id}@example.org");
    env.put("CIRCLECI_TOKEN", "circle-test-token");
    env.put("PUBLIC_BASE_URL", "http://127.0.0.1:9/");
    env.put("DATABASE_URL", "jdbc:h2:file:" + dataDir.resolve("bot").toAbsolutePath());
    env.put("DATA_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("CIRCLECI_API_URL", circleci.apiUrl());
    return env;
  }

  /** The bot's clock: real time, moved forward by {@link ShiftedClock#advance}. */
  public ShiftedClock clock() {
    return clock;
  }

  /**
   * Starts the bot and waits for its start-up credential checks (which run beside everything
   * else) to answer, so that a test's injected failures and counted calls never race them.
   */
  public void start() {
    wiring = Wiring.start(Config.fromEnvironment(env), tuning);
    awaitCredentialChecks();
  }

  /** Waits until {@code /health} shows no credential still {@code checking}. */
  public void awaitCredentialChecks() {
    Await.until(() -> !health().path("credentials").toString().contains("\"checking\""),
        Duration.ofSeconds(10), () -> "the credential checks; /health: " + health());
  }

  /** {@code GET /health}, which answers 200 while the bot serves. */
  public com.fasterxml.jackson.databind.JsonNode health() {
    try (Response response = get("/health")) {
      if (response.code() != 200) {
        throw new IllegalStateException("/health answered " + response.code());
      }
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body().string());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public void stop() {
    if (wiring != null) {
      wiring.close();
      wiring = null;
    }
  }

  public void restart() {
    stop();
    start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + wiring.port();
  }

  public RequestRepository requests() {
    return new JdbcRequestRepository(wiring.database().dataSource());
  }

  public org.webops.dockerhubbot.workflow.CardStore cards() {
    return new org.webops.dockerhubbot.storage.JdbcCardStore(wiring.database().dataSource());
  }

  /** Every stored request, oldest first. */
  public java.util.List<org.webops.dockerhubbot.workflow.ProvisioningRequest> allRequests() {
    RequestRepository requests = requests();
    java.util.List<org.webops.dockerhubbot.workflow.ProvisioningRequest> all =
        new java.util.ArrayList<>();
    try (java.sql.Connection c = wiring.database().dataSource().getConnection();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet ids = st.executeQuery("SELECT id FROM requests ORDER BY id")) {
      while (ids.next()) {
        requests.find(ids.getLong(1)).ifPresent(all::add);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return all;
  }

  public javax.sql.DataSource requestsDataSource() {
    return wiring.database().dataSource();
  }

  public org.webops.dockerhubbot.secretlinks.SecretLinks secretLinks() {
    return wiring.secretLinks();
  }

  public AuditLog audit() {
    return new JdbcAuditLog(wiring.database().dataSource());
  }

  public FakeSlack slack() {
    return slack;
  }

  public FakeCircleCi circleci() {
    return circleci;
  }

  public FakeDockerHub dockerhub() {
    return dockerhub;
  }

  /** POSTs a body to /slack/events, signed now with the right secret. */
  public Response send(String body) throws IOException {
    long now = Instant.now().getEpochSecond();
    return send(body, now, SlackRequests.sign(SIGNING_SECRET, now, body));
  }

  /** POSTs an Events API JSON body, signed now. */
  public Response sendJson(String body) throws IOException {
    long now = Instant.now().getEpochSecond();
    return http.newCall(new Request.Builder()
        .url(baseUrl() + "/slack/events")
        .header("X-Slack-Signature", SlackRequests.sign(SIGNING_SECRET, now, body))
        .header("X-Slack-Request-Timestamp", Long.toString(now))
        .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute();
  }

  public Response send(String body, long timestamp, String signature) throws IOException {
    Request.Builder request = new Request.Builder()
        .url(baseUrl() + "/slack/events")
        .post(RequestBody.create(body, FORM));
    if (signature != null) {
      request.header("X-Slack-Signature", signature)
          .header("X-Slack-Request-Timestamp", Long.toString(timestamp));
    }
    return http.newCall(request.build()).execute();
  }

  public Response post(String path) throws IOException {
    return http.newCall(new Request.Builder().url(baseUrl() + path)
        .post(RequestBody.create(new byte[0], null)).build()).execute();
  }

  /** A POST claiming to come through proxies, as a client can claim anything. */
  public Response postForwardedFor(String path, String forwardedFor) throws IOException {
    return http.newCall(new Request.Builder().url(baseUrl() + path)
        .header("X-Forwarded-For", forwardedFor)
        .post(RequestBody.create(new byte[0], null)).build()).execute();
  }

  public Response get(String path) throws IOException {
    return http.newCall(new Request.Builder().url(baseUrl() + path).build()).execute();
  }

  @Override
  public void close() {
    stop();
    circleci.close();
    dockerhub.close();
  }
}

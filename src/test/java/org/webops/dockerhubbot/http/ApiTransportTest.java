package org.webops.dockerhubbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class ApiTransportTest {

  private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

  @StartStop private final MockWebServer server = new MockWebServer();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RetryPolicy policy =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(60), () -> 1.0);

  private ApiTransport transport(OkHttpClient http) {
    return new ApiTransport(
        "Test API", http, policy, sleeper, Clock.fixed(NOW, ZoneOffset.UTC), List.of("SECRET-PASSWORD-123"));
  }

  private ApiTransport transport() {
    return transport(HttpClients.shared());
  }

  private final RecordingCallMeter meter = new RecordingCallMeter();

  private ApiTransport metered() {
    return new ApiTransport("Test API", HttpClients.shared(), policy, sleeper,
        Clock.fixed(NOW, ZoneOffset.UTC), List.of("SECRET-PASSWORD-123"), meter);
  }

  private Request get() {
    return new Request.Builder().url(server.url("/v2/things?page=1")).get().build();
  }

  @Test
  void send_429Then503ThenOk_meterToldEveryAttemptAndWaitByTemplateNeverByPath() {
    // given
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
    server.enqueue(Fixtures.empty(503));
    server.enqueue(Fixtures.jsonBody(200, "{}"));
    Request request = new Request.Builder().url(server.url("/v2/things/4711?page=1"))
        .tag(Endpoint.class, new Endpoint("/v2/things/{id}")).get().build();

    // when
    metered().execute(request);

    // then
    assertEquals(List.of(
        "Test API GET /v2/things/{id} -> 429",
        "Test API /v2/things/{id} retry after 429 in 7000 ms (rate limited)",
        "Test API GET /v2/things/{id} -> 503",
        "Test API /v2/things/{id} retry after 503 in 200 ms",
        "Test API GET /v2/things/{id} -> 200"), meter.told());
  }

  @Test
  void send_connectionRefused_meterToldNoAnswerAndIoRetries() throws Exception {
    // given
    MockWebServer closed = new MockWebServer();
    closed.start();
    okhttp3.HttpUrl url = closed.url("/v2/things");
    closed.close();

    // when
    assertThrows(TransportException.class, () -> metered().execute(new Request.Builder()
        .url(url).tag(Endpoint.class, new Endpoint("/v2/things")).get().build()));

    // then
    assertEquals(List.of(
        "Test API GET /v2/things -> no answer",
        "Test API /v2/things retry after io in 100 ms",
        "Test API GET /v2/things -> no answer",
        "Test API /v2/things retry after io in 200 ms",
        "Test API GET /v2/things -> no answer",
        "Test API /v2/things retry after io in 400 ms",
        "Test API GET /v2/things -> no answer"), meter.told());
  }

  @Test
  void send_requestWithoutTemplate_countedAsUnnamedNotByItsPath() {
    server.enqueue(Fixtures.jsonBody(200, "{}"));

    metered().execute(get());

    assertEquals(List.of("Test API GET unnamed -> 200"), meter.told());
  }

  @Test
  void get_429WithRetryAfterSeconds_waitsAsAskedThenSucceeds() throws Exception {
    // given
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
    server.enqueue(Fixtures.jsonBody(200, "{}"));

    // when
    ApiResponse response = transport().execute(get());

    // then
    assertEquals(200, response.status());
    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void get_429WithXRetryAfterUnixTime_waitsUntilThatTimeThenSucceeds() {
    // given
    long in12s = NOW.plusSeconds(12).getEpochSecond();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("X-Retry-After", in12s).build());
    server.enqueue(Fixtures.jsonBody(200, "{}"));

    // when
    ApiResponse response = transport().execute(get());

    // then
    assertEquals(200, response.status());
    assertEquals(List.of(Duration.ofSeconds(12)), sleeper.waits());
  }

  @Test
  void get_429AskingToWaitTooLong_failsRateLimitedWithoutWaiting() {
    // given
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "3600")
            .body("{\"message\":\"slow down\"}")
            .build());

    // when
    RateLimitedException e = assertThrows(RateLimitedException.class, () -> transport().execute(get()));

    // then
    assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
    assertEquals("slow down", e.apiMessage());
    assertTrue(sleeper.waits().isEmpty());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void get_503ThenSuccess_retriesWithBackoff() {
    // given
    server.enqueue(Fixtures.empty(503));
    server.enqueue(Fixtures.empty(502));
    server.enqueue(Fixtures.jsonBody(200, "{\"ok\":true}"));

    // when
    ApiResponse response = transport().execute(get());

    // then
    assertEquals("{\"ok\":true}", response.body());
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.waits());
  }

  @Test
  void get_504Always_givesUpAfterMaxAttemptsAsServerError() {
    // given
    for (int i = 0; i < 5; i++) {
      server.enqueue(Fixtures.jsonBody(504, "{\"detail\":\"gateway timeout\"}"));
    }

    // when
    ServerErrorException e = assertThrows(ServerErrorException.class, () -> transport().execute(get()));

    // then
    assertEquals(4, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), sleeper.waits());
    assertEquals(504, e.status());
    assertEquals("gateway timeout", e.apiMessage());
  }

  @Test
  void get_readTimeoutThenSuccess_retries() {
    // given a client that gives up reading after 200 ms and a server that stalls the first answer
    OkHttpClient impatient =
        HttpClients.shared().newBuilder().readTimeout(Duration.ofMillis(200)).build();
    server.enqueue(
        new MockResponse.Builder().code(200).body("{}").headersDelay(5, TimeUnit.SECONDS).build());
    server.enqueue(Fixtures.jsonBody(200, "{\"second\":true}"));

    // when
    ApiResponse response = transport(impatient).execute(get());

    // then
    assertEquals("{\"second\":true}", response.body());
    assertEquals(1, sleeper.waits().size());
  }

  @Test
  void get_connectionRefused_retriesThenFailsAsTransportError() throws Exception {
    // given a port nobody listens on
    MockWebServer closed = new MockWebServer();
    closed.start();
    Request request = new Request.Builder().url(closed.url("/v2/x")).get().build();
    closed.close();

    // when
    TransportException e = assertThrows(TransportException.class, () -> transport().execute(request));

    // then
    assertEquals(3, sleeper.waits().size());
    assertEquals(0, e.status());
  }

  @Test
  void get_400_isNeverRetried() {
    // given
    server.enqueue(Fixtures.jsonBody(400, "{\"text\":\"bad\",\"fields\":{\"page_size\":[\"too big\"]}}"));

    // when
    ClientErrorException e = assertThrows(ClientErrorException.class, () -> transport().execute(get()));

    // then
    assertEquals(1, server.getRequestCount());
    assertTrue(sleeper.waits().isEmpty());
    assertEquals("bad {\"page_size\":[\"too big\"]}", e.apiMessage());
  }

  @Test
  void post_503_isNeverRetried() {
    // given
    server.enqueue(Fixtures.empty(503));
    server.enqueue(Fixtures.jsonBody(201, "{}"));
    Request post =
        new Request.Builder()
            .url(server.url("/v2/create"))
            .post(RequestBody.create("{}", Json.JSON))
            .build();

    // when
    assertThrows(ServerErrorException.class, () -> transport().execute(post));

    // then
    assertEquals(1, server.getRequestCount());
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void post_429_isNeverRetried() {
    // given
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
    Request post =
        new Request.Builder()
            .url(server.url("/v2/create"))
            .post(RequestBody.create("{}", Json.JSON))
            .build();

    // when
    RateLimitedException e = assertThrows(RateLimitedException.class, () -> transport().execute(post));

    // then
    assertEquals(1, server.getRequestCount());
    assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
  }

  @Test
  void execute_errorStatuses_becomeTypedExceptionsWithMethodPathStatusAndMessage() {
    // given
    server.enqueue(Fixtures.jsonBody(401, "{\"detail\":\"Incorrect authentication credentials\"}"));
    server.enqueue(
        Fixtures.jsonBody(403, "{\"message\":\"token issued from personal access token is not allowed\"}"));
    server.enqueue(Fixtures.jsonBody(404, "{\"message\":\"Project not found\"}"));
    server.enqueue(Fixtures.jsonBody(409, "{\"message\":\"exists\",\"errinfo\":{\"label\":\"taken\"}}"));
    server.enqueue(Fixtures.jsonBody(500, "<html>oops</html>"));

    // when
    ApiException unauthorized = assertThrows(ApiException.class, () -> transport().execute(get()));
    ApiException forbidden = assertThrows(ApiException.class, () -> transport().execute(get()));
    ApiException notFound = assertThrows(ApiException.class, () -> transport().execute(get()));
    ApiException conflict = assertThrows(ApiException.class, () -> transport().execute(get()));
    ApiException serverError = assertThrows(ApiException.class, () -> transport().execute(get()));

    // then
    assertInstanceOf(UnauthorizedException.class, unauthorized);
    assertEquals("Test API GET /v2/things answered 401: Incorrect authentication credentials", unauthorized.getMessage());
    assertTrue(assertInstanceOf(ForbiddenException.class, forbidden).personalAccessTokenRefused());
    assertInstanceOf(NotFoundException.class, notFound);
    assertEquals("Project not found", notFound.apiMessage());
    assertInstanceOf(ConflictException.class, conflict);
    assertEquals("exists {\"label\":\"taken\"}", conflict.apiMessage());
    assertInstanceOf(ServerErrorException.class, serverError);
    assertEquals("<html>oops</html>", serverError.apiMessage());
    assertEquals("GET", serverError.method());
    assertEquals("/v2/things", serverError.path());
  }

  @Test
  void execute_apiEchoesASecret_messageHasItMasked() {
    // given
    server.enqueue(Fixtures.jsonBody(400, "{\"message\":\"bad value SECRET-PASSWORD-123 and OTHER-SECRET\"}"));

    // when
    ApiException e = assertThrows(ApiException.class, () -> transport().execute(get(), "OTHER-SECRET"));

    // then
    assertEquals("bad value *** and ***", e.apiMessage());
    assertFalse(e.getMessage().contains("SECRET"));
  }

  @Test
  void forbidden_otherMessage_isNotPersonalAccessTokenRefusal() {
    // given
    server.enqueue(Fixtures.jsonBody(403, "{\"detail\":\"not an owner\"}"));

    // when
    ForbiddenException e = assertThrows(ForbiddenException.class, () -> transport().execute(get()));

    // then
    assertFalse(e.personalAccessTokenRefused());
  }
}

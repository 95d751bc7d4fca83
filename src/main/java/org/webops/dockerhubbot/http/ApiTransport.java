package org.webops.dockerhubbot.http;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests for one API: retries idempotent calls (GET, HEAD, PUT, DELETE) on 429 (honouring
 * {@code Retry-After} / {@code X-Retry-After}), 502, 503, 504 and I/O failures with capped
 * exponential backoff and jitter; never retries POST or PATCH; turns a non-2xx answer into a typed
 * {@link ApiException}; describes instead of sending write calls in dry-run.
 *
 * <p>Retries are a loop around separate calls (not an OkHttp interceptor) so that each attempt gets
 * the shared client's full call timeout and the waits are not counted against it.
 *
 * <p>Logs name the method and URL path only, never the query string, headers or bodies.
 */
public final class ApiTransport {

  private static final Logger log = LoggerFactory.getLogger(ApiTransport.class);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

  private final String api;
  private final OkHttpClient http;
  /** For writes: a redirect is an error, never followed (it would be replayed as a GET). */
  private final OkHttpClient writes;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Collection<String> secrets;
  private final Fence fence;
  private final CallMeter meter;

  /**
   * @param secrets credentials of the calling client, masked in any API message that echoes them
   */
  public ApiTransport(
      String api,
      OkHttpClient http,
      RetryPolicy policy,
      Sleeper sleeper,
      Clock clock,
      Collection<String> secrets) {
    this(api, http, policy, sleeper, clock, secrets, CallMeter.NONE);
  }

  /** @param meter told of every attempt and every wait before a retry */
  public ApiTransport(String api, OkHttpClient http, RetryPolicy policy, Sleeper sleeper,
      Clock clock, Collection<String> secrets, CallMeter meter) {
    this(api, http, policy, sleeper, clock, secrets, Fence.NONE, meter);
  }

  private ApiTransport(String api, OkHttpClient http, RetryPolicy policy, Sleeper sleeper,
      Clock clock, Collection<String> secrets, Fence fence, CallMeter meter) {
    this.api = Objects.requireNonNull(api);
    this.http = Objects.requireNonNull(http);
    this.writes = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.policy = Objects.requireNonNull(policy);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.clock = Objects.requireNonNull(clock);
    this.secrets = List.copyOf(secrets);
    this.fence = Objects.requireNonNull(fence);
    this.meter = Objects.requireNonNull(meter);
  }

  /** The same transport, asking {@code fence} before every attempt of every call. */
  public ApiTransport fenced(Fence fence) {
    return new ApiTransport(api, http, policy, sleeper, clock, secrets, fence, meter);
  }

  public String api() {
    return api;
  }

  public static boolean isWrite(String method) {
    return WRITES.contains(method);
  }

  public static boolean isIdempotent(String method) {
    return IDEMPOTENT.contains(method);
  }

  /** Logs and returns the description of a write call that dry-run keeps from being sent. */
  public DryRun describe(Request request, String description) {
    DryRun dryRun = new DryRun(api, request.method(), request.url().encodedPath(), description);
    log.info("{}", dryRun);
    return dryRun;
  }

  /**
   * Sends the request (with retries when its method is idempotent) and returns the 2xx answer.
   *
   * @param alsoMask further secrets of this call (e.g. a variable value) to mask in messages
   * @throws ApiException for a non-2xx answer or when no answer came
   */
  public ApiResponse execute(Request request, String... alsoMask) {
    ApiResponse response = send(request);
    if (response.isSuccessful()) {
      return response;
    }
    throw toException(request, response, alsoMask);
  }

  /**
   * Like {@link #execute} but returns a non-2xx answer instead of throwing, for callers that read
   * an error body themselves; they must then call {@link #toException}. I/O failures still throw.
   */
  public ApiResponse send(Request request) {
    String method = request.method();
    String path = request.url().encodedPath();
    Endpoint endpoint = Endpoint.of(request);
    int maxAttempts = isIdempotent(method) ? policy.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= maxAttempts;
      fence.check();
      Response response;
      long sent = System.nanoTime();
      try {
        response = (isWrite(method) ? writes : http).newCall(request).execute();
      } catch (IOException e) {
        meter.unanswered(api, method, endpoint, Duration.ofNanos(System.nanoTime() - sent));
        if (!last && retryableFailure(e)) {
          waitBeforeRetry(request, attempt, maxAttempts, e.getClass().getSimpleName(), "io",
              null, false);
          continue;
        }
        log.warn("{} {} {} failed: {}", api, method, path, e.getClass().getSimpleName());
        throw new TransportException(api, method, path, describe(e), e);
      }
      int status = response.code();
      String body;
      try (ResponseBody responseBody = response.body()) {
        body = responseBody.string();
      } catch (IOException e) {
        meter.unanswered(api, method, endpoint, Duration.ofNanos(System.nanoTime() - sent));
        if (!last && retryableFailure(e)) {
          waitBeforeRetry(request, attempt, maxAttempts, e.getClass().getSimpleName(), "io",
              null, false);
          continue;
        }
        throw new TransportException(api, method, path, describe(e), e);
      }
      meter.answered(api, method, endpoint, status, Duration.ofNanos(System.nanoTime() - sent));
      log.debug("{} {} {} -> {}", api, method, path, status);
      if (status >= 300 && status < 400) {
        log.warn("{} {} {} was redirected ({}); not followed", api, method, path, status);
        throw new RedirectedException(api, method, path, status, response.header("Location"));
      }
      ApiResponse result = new ApiResponse(status, response.headers(), body);
      if (result.isSuccessful() || !RETRYABLE_STATUS.contains(status) || last) {
        return result;
      }
      Optional<Duration> retryAfter =
          status == 429 ? RetryAfter.from(response.headers(), clock) : Optional.empty();
      if (retryAfter.map(d -> d.compareTo(policy.maxRetryAfter()) > 0).orElse(false)) {
        return result; // asked to wait longer than we are willing to: report it
      }
      waitBeforeRetry(request, attempt, maxAttempts, "status " + status,
          Integer.toString(status), retryAfter.orElse(null), status == 429);
    }
  }

  /** Reads a 2xx JSON body as the given type; a body that does not fit is an API fault. */
  public <T> T read(Request request, ApiResponse response, JavaType type) {
    try {
      return Json.MAPPER.readValue(response.body(), type);
    } catch (JsonMappingException e) {
      throw unexpected(request, response, "unexpected JSON at " + e.getPathReference());
    } catch (IOException e) {
      throw unexpected(request, response, "body is not JSON");
    }
  }

  public <T> T read(Request request, ApiResponse response, Class<T> type) {
    return read(request, response, Json.MAPPER.constructType(type));
  }

  public JsonNode tree(Request request, ApiResponse response) {
    try {
      return Json.tree(response.body());
    } catch (IOException e) {
      throw unexpected(request, response, "body is not JSON");
    }
  }

  /** Converts a JSON node (part of an answer) to the given type. */
  public <T> T convert(Request request, ApiResponse response, JsonNode node, JavaType type) {
    try {
      return Json.MAPPER.convertValue(node, type);
    } catch (IllegalArgumentException e) {
      throw unexpected(request, response, "unexpected JSON shape");
    }
  }

  public UnexpectedResponseException unexpected(
      Request request, ApiResponse response, String reason) {
    // The cause is left out on purpose: parser messages can quote the body, which may hold a token.
    return new UnexpectedResponseException(
        api, request.method(), request.url().encodedPath(), response.status(), reason, null);
  }

  private Collection<String> masks(String... alsoMask) {
    if (alsoMask.length == 0) {
      return secrets;
    }
    List<String> all = new ArrayList<>(secrets);
    all.addAll(List.of(alsoMask));
    return all;
  }

  /** The typed exception for a non-2xx answer; the API's message has secrets masked. */
  public ApiException toException(Request request, ApiResponse response, String... alsoMask) {
    String method = request.method();
    String path = request.url().encodedPath();
    int status = response.status();
    String message = ApiMessages.extract(response.body(), masks(alsoMask));
    Duration retryAfter =
        status == 429 ? RetryAfter.from(response.headers(), clock).orElse(null) : null;
    log.info("{} {} {} answered {}", api, method, path, status);
    return switch (status) {
      case 401 -> new UnauthorizedException(api, method, path, status, message);
      case 403 -> new ForbiddenException(api, method, path, status, message);
      case 404 -> new NotFoundException(api, method, path, status, message);
      case 409 -> new ConflictException(api, method, path, status, message);
      case 429 -> new RateLimitedException(api, method, path, status, message, retryAfter);
      default ->
          status >= 500
              ? new ServerErrorException(api, method, path, status, message)
              : new ClientErrorException(api, method, path, status, message);
    };
  }

  private void waitBeforeRetry(Request request, int attempt, int maxAttempts, String reason,
      String cause, Duration asked, boolean rateLimited) {
    String method = request.method();
    String path = request.url().encodedPath();
    Duration wait = asked != null ? asked : policy.backoff(attempt);
    meter.retrying(api, Endpoint.of(request), cause, wait, rateLimited);
    log.warn(
        "{} {} {}: {}, retry {}/{} in {} ms",
        api, method, path, reason, attempt, maxAttempts - 1, wait.toMillis());
    try {
      sleeper.sleep(wait);
    } catch (InterruptedIOException e) {
      throw new TransportException(api, method, path, "interrupted while waiting to retry", e);
    }
  }

  private static boolean retryableFailure(IOException e) {
    if (e instanceof SocketTimeoutException
        || e instanceof ConnectException
        || e instanceof UnknownHostException) {
      return true;
    }
    // A cancelled call or an expired call timeout is an InterruptedIOException: do not retry.
    return !(e instanceof InterruptedIOException);
  }

  private static String describe(IOException e) {
    return e instanceof SocketTimeoutException ? "timed out" : e.getClass().getSimpleName();
  }
}

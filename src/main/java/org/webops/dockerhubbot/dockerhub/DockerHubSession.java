package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.webops.dockerhubbot.http.ApiResponse;
import org.webops.dockerhubbot.http.ApiTransport;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.http.Endpoint;
import org.webops.dockerhubbot.http.Fence;
import org.webops.dockerhubbot.http.HostScopedHeaderInterceptor;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.http.UnauthorizedException;
import org.webops.dockerhubbot.http.Urls;

/**
 * What the Docker Hub area clients share: one {@link DockerHubCredential}'s session (logged in
 * lazily, the token cached, one more login on 401), the transport, URLs, paging and dry-run. The
 * behaviour is described on {@link DockerHubClient}.
 */
final class DockerHubSession {

  static final String API = "Docker Hub";
  static final String USERS_LOGIN = "/v2/users/login";
  static final String AUTH_TOKEN = "/v2/auth/token";

  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 500;

  private final HttpUrl baseUrl;
  private final OkHttpClient shared;
  private final DockerHubCredential credential;
  private final boolean dryRun;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final LoginTokens tokens;
  private final Fence fence;
  private final CallMeter meter;
  private final ApiTransport transport;

  DockerHubSession(HttpUrl baseUrl, OkHttpClient http, DockerHubCredential credential,
      boolean dryRun, RetryPolicy retryPolicy, Sleeper sleeper, Clock clock, CallMeter meter) {
    this(baseUrl, http, credential, dryRun, retryPolicy, sleeper, clock, new LoginTokens(clock),
        Fence.NONE, meter);
  }

  private DockerHubSession(HttpUrl baseUrl, OkHttpClient shared, DockerHubCredential credential,
      boolean dryRun, RetryPolicy retryPolicy, Sleeper sleeper, Clock clock,
      LoginTokens tokens, Fence fence, CallMeter meter) {
    this.baseUrl = Objects.requireNonNull(baseUrl);
    this.shared = Objects.requireNonNull(shared);
    this.credential = Objects.requireNonNull(credential);
    this.dryRun = dryRun;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.tokens = tokens;
    this.fence = fence;
    this.meter = meter;
    OkHttpClient http = shared.newBuilder()
        .addNetworkInterceptor(new HostScopedHeaderInterceptor(baseUrl, "Authorization",
            request -> {
              LoginToken token = request.tag(LoginToken.class);
              return token == null ? null : "Bearer " + token.value();
            }))
        .build();
    this.transport =
        new ApiTransport(API, http, retryPolicy, sleeper, clock, List.of(credential.secret()),
            meter).fenced(fence);
  }

  /** The session of another identity, sharing the HTTP client and the token cache. */
  DockerHubSession forCredential(DockerHubCredential other) {
    return new DockerHubSession(
        baseUrl, shared, other, dryRun, retryPolicy, sleeper, clock, tokens, fence, meter);
  }

  DockerHubSession fenced(Fence fence) {
    return new DockerHubSession(
        baseUrl, shared, credential, dryRun, retryPolicy, sleeper, clock, tokens, fence, meter);
  }

  boolean dryRun() {
    return dryRun;
  }

  Instant now() {
    return clock.instant();
  }

  ApiTransport transport() {
    return transport;
  }

  // ---------------------------------------------------------------- logins

  /** Logs in afresh (ignoring the cache) and caches the new token. */
  void verifyLogin() {
    tokens.renew(credential, this::login);
  }

  LoginToken usersLogin(DockerHubCredential.Password password) {
    Request request = request(USERS_LOGIN)
        .post(Json.body(new UsersLoginBody(password.username(), password.password())))
        .build();
    ApiResponse response = transport.send(request);
    if (response.status() == 401 && hasSecondFactorToken(response)) {
      throw new TwoFactorRequiredException(API, "POST", request.url().encodedPath(), 401);
    }
    if (!response.isSuccessful()) {
      throw transport.toException(request, response);
    }
    return token(request, response, "token");
  }

  LoginToken authToken(DockerHubCredential identity) {
    Request request = request(AUTH_TOKEN)
        .post(Json.body(new AuthTokenBody(identity.identifier(), identity.secret())))
        .build();
    return token(request, transport.execute(request, identity.secret()), "access_token");
  }

  private LoginToken token(Request request, ApiResponse response, String field) {
    JsonNode token = transport.tree(request, response).path(field);
    if (!token.isTextual() || token.asText().isEmpty()) {
      throw transport.unexpected(request, response, "no " + field + " in the answer");
    }
    return LoginToken.of(token.asText(), clock.instant());
  }

  private LoginToken login(DockerHubCredential identity) {
    return identity instanceof DockerHubCredential.Password password
        ? usersLogin(password)
        : authToken(identity);
  }

  private static boolean hasSecondFactorToken(ApiResponse response) {
    try {
      JsonNode token = Json.tree(response.body()).get("login_2fa_token");
      return token != null && token.isTextual() && !token.asText().isEmpty();
    } catch (Exception notJson) {
      return false;
    }
  }

  // ------------------------------------------------------------- calls

  /**
   * Sends the request with this identity's login token; on 401 drops the token, logs in once more
   * and sends it again (once).
   */
  ApiResponse authorized(Request.Builder request) {
    LoginToken token = tokens.get(credential, this::login);
    try {
      return transport.execute(request.tag(LoginToken.class, token).build(), token.value());
    } catch (UnauthorizedException expired) {
      tokens.drop(credential, token);
      LoginToken fresh = tokens.get(credential, this::login);
      return transport.execute(request.tag(LoginToken.class, fresh).build(), fresh.value());
    }
  }

  /** Sends a write call, or in dry-run describes it instead: then the answer is empty. */
  Optional<ApiResponse> write(Request.Builder request, String description) {
    if (dryRun) {
      transport.describe(request.build(), description);
      return Optional.empty();
    }
    return Optional.of(authorized(request));
  }

  /** One page of a list answer: its items and whether another page follows. */
  record Page(List<JsonNode> items, boolean hasNext) {}

  /** A {@code {count, next, previous, results}} page. */
  static Page resultsPage(JsonNode tree) {
    List<JsonNode> items = new ArrayList<>();
    tree.path("results").forEach(items::add);
    JsonNode next = tree.path("next");
    return new Page(items, next.isTextual() && !next.asText().isEmpty());
  }

  /** Every page of a list, from page 1 until a page says there is no next one. */
  <T> List<T> pages(Class<T> type, Function<JsonNode, Page> reader, String template,
      String... parameters) {
    List<T> all = new ArrayList<>();
    JavaType itemType = Json.MAPPER.constructType(type);
    for (int page = 1; page <= MAX_PAGES; page++) {
      HttpUrl pageUrl = url(template, parameters).newBuilder()
          .addQueryParameter("page", Integer.toString(page))
          .addQueryParameter("page_size", Integer.toString(PAGE_SIZE))
          .build();
      Request request = request(template, parameters).url(pageUrl).get().build();
      ApiResponse response = authorized(request.newBuilder());
      Page read = reader.apply(transport.tree(request, response));
      for (JsonNode item : read.items()) {
        all.add(transport.convert(request, response, item, itemType));
      }
      if (!read.hasNext() || read.items().isEmpty()) {
        return all;
      }
    }
    return all;
  }

  /**
   * A request to the path template with its {@code {parameters}} filled in, tagged with the
   * template ({@link Endpoint}); its method is still to be set.
   */
  Request.Builder request(String template, String... parameters) {
    return new Request.Builder().url(url(template, parameters))
        .tag(Endpoint.class, new Endpoint(template));
  }

  /** The URL of a path template with its {@code {parameters}} filled in order, each escaped. */
  HttpUrl url(String template, String... parameters) {
    return Urls.expand(baseUrl, template, parameters);
  }

  static JavaType listOf(Class<?> type) {
    return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
  }

  /**
   * {@code 2026-07-15T10:42:07Z}: the spec's examples, and Docker's terraform provider, which
   * accepts at most six fractional digits ({@code (\.\d{1,6})?Z}); a clock with nanoseconds would
   * otherwise send nine.
   */
  static String wholeSeconds(Instant instant) {
    return instant == null ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private record UsersLoginBody(
      @JsonProperty("username") String username, @JsonProperty("password") String password) {
    @Override
    public String toString() {
      return "UsersLoginBody[username=" + username + ", password=***]";
    }
  }

  private record AuthTokenBody(
      @JsonProperty("identifier") String identifier, @JsonProperty("secret") String secret) {
    @Override
    public String toString() {
      return "AuthTokenBody[identifier=" + identifier + ", secret=***]";
    }
  }
}

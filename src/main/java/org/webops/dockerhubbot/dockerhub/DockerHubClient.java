package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.webops.dockerhubbot.http.ApiResponse;
import org.webops.dockerhubbot.http.ApiTransport;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.http.Fence;
import org.webops.dockerhubbot.http.HostScopedHeaderInterceptor;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.http.UnauthorizedException;
import org.webops.dockerhubbot.http.Urls;

/**
 * Client for the Docker Hub API ({@code specs/dockerhub-hub-api.yaml}). Acts as one
 * {@link DockerHubCredential}; {@link #forCredential} gives a client for another identity that
 * shares the HTTP client and the login-token cache.
 *
 * <p>Logs in lazily, caches the login token per identity until a minute before it expires and logs
 * in again once when a call answers 401. Logins are never retried. In dry-run, writes (POST, PUT,
 * PATCH, DELETE other than logins) are described and not sent; reads and logins are sent.
 */
public final class DockerHubClient {

  public static final String DEFAULT_BASE_URL = "https://hub.docker.com";
  static final String API = "Docker Hub";

  static final String USERS_LOGIN = "/v2/users/login";
  static final String AUTH_TOKEN = "/v2/auth/token";
  static final String ACCESS_TOKENS = "/v2/access-tokens";
  static final String ACCESS_TOKEN = "/v2/access-tokens/{uuid}";
  static final String ORG_ACCESS_TOKENS = "/v2/orgs/{name}/access-tokens";
  static final String ORG_ACCESS_TOKEN = "/v2/orgs/{org_name}/access-tokens/{access_token_id}";
  static final String ORG_MEMBERS = "/v2/orgs/{org_name}/members";
  static final String ORG_INVITES = "/v2/orgs/{org_name}/invites";
  static final String BULK_INVITES = "/v2/invites/bulk";
  static final String INVITE = "/v2/invites/{id}";
  static final String TEAM_MEMBERS = "/v2/orgs/{org_name}/groups/{group_name}/members";
  static final String TEAM_MEMBER = "/v2/orgs/{org_name}/groups/{group_name}/members/{username}";

  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 500;
  /** A cached login token is dropped this long before its expiry. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final HttpUrl baseUrl;
  private final OkHttpClient shared;
  private final OkHttpClient http;
  private final DockerHubCredential credential;
  private final boolean dryRun;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Cache<String, LoginToken> tokens;
  private final ApiTransport transport;
  private final Fence fence;

  /** A client with the default retry policy, real sleeping and the system clock. */
  public DockerHubClient(
      String baseUrl, OkHttpClient http, DockerHubCredential credential, boolean dryRun) {
    this(
        HttpUrl.get(baseUrl),
        http,
        credential,
        dryRun,
        RetryPolicy.defaults(),
        Sleeper.REAL,
        Clock.systemUTC());
  }

  public DockerHubClient(
      HttpUrl baseUrl,
      OkHttpClient http,
      DockerHubCredential credential,
      boolean dryRun,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock) {
    this(baseUrl, http, credential, dryRun, retryPolicy, sleeper, clock, newTokenCache(clock),
        Fence.NONE);
  }

  private DockerHubClient(
      HttpUrl baseUrl,
      OkHttpClient shared,
      DockerHubCredential credential,
      boolean dryRun,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock,
      Cache<String, LoginToken> tokens,
      Fence fence) {
    this.baseUrl = Objects.requireNonNull(baseUrl);
    this.shared = Objects.requireNonNull(shared);
    this.credential = Objects.requireNonNull(credential);
    this.dryRun = dryRun;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.tokens = tokens;
    this.http =
        shared
            .newBuilder()
            .addNetworkInterceptor(
                new HostScopedHeaderInterceptor(
                    baseUrl,
                    "Authorization",
                    request -> {
                      LoginToken token = request.tag(LoginToken.class);
                      return token == null ? null : "Bearer " + token.value();
                    }))
            .build();
    this.fence = fence;
    this.transport =
        new ApiTransport(API, http, retryPolicy, sleeper, clock, List.of(credential.secret()))
            .fenced(fence);
  }

  private static Cache<String, LoginToken> newTokenCache(Clock clock) {
    return Caffeine.newBuilder()
        .ticker(() -> clock.millis() * 1_000_000L)
        .maximumSize(1_000)
        .expireAfter(
            Expiry.<String, LoginToken>creating(
                (key, token) -> {
                  Duration left =
                      Duration.between(clock.instant(), token.expiresAt()).minus(EXPIRY_MARGIN);
                  return left.isNegative() ? Duration.ZERO : left;
                }))
        .build();
  }

  /** A client acting as another identity, sharing this one's HTTP client and token cache. */
  public DockerHubClient forCredential(DockerHubCredential other) {
    return new DockerHubClient(
        baseUrl, shared, other, dryRun, retryPolicy, sleeper, clock, tokens, fence);
  }

  /** The same client, asking {@code fence} before every call (a run that may lose its lease). */
  public DockerHubClient fenced(Fence fence) {
    return new DockerHubClient(
        baseUrl, shared, credential, dryRun, retryPolicy, sleeper, clock, tokens, fence);
  }

  public boolean dryRun() {
    return dryRun;
  }

  // ---------------------------------------------------------------- logins

  /**
   * Logs in afresh (ignoring the cache) and caches the new token. Use it to check a credential,
   * e.g. that a service user's sign-up is complete. Not retried.
   *
   * @throws TwoFactorRequiredException when the account has two-factor authentication
   * @throws UnauthorizedException when the credential is refused
   */
  public void verifyLogin() {
    tokens.invalidate(cacheKey(credential));
    tokens.put(cacheKey(credential), login(credential));
  }

  /**
   * {@code POST /v2/users/login}: a user's Docker ID and password to a login token. Deprecated by
   * Docker but the only login that reports two-factor auth (401 with {@code login_2fa_token}).
   */
  public LoginToken usersLogin(DockerHubCredential.Password password) {
    Request request =
        new Request.Builder()
            .url(url(USERS_LOGIN))
            .post(Json.body(new UsersLoginBody(password.username(), password.password())))
            .build();
    ApiResponse response = transport.send(request);
    if (response.status() == 401 && hasSecondFactorToken(response)) {
      throw new TwoFactorRequiredException(API, "POST", request.url().encodedPath(), 401);
    }
    if (!response.isSuccessful()) {
      throw transport.toException(request, response);
    }
    JsonNode token = transport.tree(request, response).path("token");
    if (!token.isTextual() || token.asText().isEmpty()) {
      throw transport.unexpected(request, response, "no token in the answer");
    }
    return LoginToken.of(token.asText(), clock.instant());
  }

  /**
   * {@code POST /v2/auth/token}: identifier and secret (password, personal or organisation access
   * token) to a short-lived access token.
   */
  public LoginToken authToken(DockerHubCredential identity) {
    Request request =
        new Request.Builder()
            .url(url(AUTH_TOKEN))
            .post(Json.body(new AuthTokenBody(identity.identifier(), identity.secret())))
            .build();
    ApiResponse response = transport.execute(request, identity.secret());
    JsonNode token = transport.tree(request, response).path("access_token");
    if (!token.isTextual() || token.asText().isEmpty()) {
      throw transport.unexpected(request, response, "no access_token in the answer");
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

  // ------------------------------------------------- personal access tokens

  /** {@code GET /v2/access-tokens}, all pages: the logged-in user's personal access tokens. */
  public List<PersonalAccessToken> listPersonalAccessTokens() {
    return pages(
        page -> pageUrl(ACCESS_TOKENS, page),
        PersonalAccessToken.class,
        DockerHubClient::resultsPage);
  }

  /**
   * {@code POST /v2/access-tokens}: creates a personal access token for the logged-in user (which
   * must be a password login). The answer is the only time the token value is shown. Not retried;
   * see {@link #ensurePersonalAccessToken}.
   */
  public PersonalAccessToken createPersonalAccessToken(
      String label, List<RepoScope> scopes, Instant expiresAt) {
    List<String> scopeNames = scopes.stream().map(RepoScope::value).toList();
    Request.Builder request =
        new Request.Builder()
            .url(url(ACCESS_TOKENS))
            .post(Json.body(new CreatePatBody(label, scopeNames, expiresAt)));
    if (dryRun) {
      transport.describe(
          request.build(), "create personal access token '" + label + "' " + scopeNames);
      return new PersonalAccessToken(
          "dry-run", label, scopeNames, true, clock.instant(), expiresAt, null, null);
    }
    ApiResponse response = authorized(request);
    return transport.read(request.build(), response, PersonalAccessToken.class);
  }

  /**
   * Returns the active personal access token with this label if there is one (without its value,
   * which Docker Hub shows only once), else creates it.
   */
  public Ensured<PersonalAccessToken> ensurePersonalAccessToken(
      String label, List<RepoScope> scopes, Instant expiresAt) {
    Optional<PersonalAccessToken> existing =
        listPersonalAccessTokens().stream()
            .filter(t -> t.active() && label.equals(t.label()))
            .findFirst();
    if (existing.isPresent()) {
      return new Ensured.Existing<>(existing.get());
    }
    return new Ensured.Created<>(createPersonalAccessToken(label, scopes, expiresAt));
  }

  /** {@code PATCH /v2/access-tokens/{uuid}} with {@code is_active: false}. Not retried. */
  public void deactivatePersonalAccessToken(String uuid) {
    Request.Builder request =
        new Request.Builder()
            .url(url(ACCESS_TOKEN, uuid))
            .patch(Json.body(new PatchPatBody(false)));
    if (dryRun) {
      transport.describe(request.build(), "deactivate personal access token " + uuid);
      return;
    }
    authorized(request);
  }

  /** {@code DELETE /v2/access-tokens/{uuid}}. */
  public void deletePersonalAccessToken(String uuid) {
    Request.Builder request = new Request.Builder().url(url(ACCESS_TOKEN, uuid)).delete();
    if (dryRun) {
      transport.describe(request.build(), "delete personal access token " + uuid);
      return;
    }
    authorized(request);
  }

  // --------------------------------------------- organisation access tokens

  /** {@code GET /v2/orgs/{name}/access-tokens}, all pages (values are never listed). */
  public List<OrgAccessToken> listOrgAccessTokens(String org) {
    return pages(
        page -> pageUrl(ORG_ACCESS_TOKENS, page, org),
        OrgAccessToken.class,
        DockerHubClient::resultsPage);
  }

  /**
   * {@code POST /v2/orgs/{name}/access-tokens}: creates an organisation access token; the answer
   * is the only time its value ({@code dckr_oat_…}) is shown. Not retried.
   *
   * @param expiresAt null for a token that does not expire
   */
  public OrgAccessToken createOrgAccessToken(
      String org, String label, List<OrgTokenResource> resources, Instant expiresAt) {
    Request.Builder request =
        new Request.Builder()
            .url(url(ORG_ACCESS_TOKENS, org))
            .post(Json.body(new CreateOatBody(label, resources, expiresAt)));
    if (dryRun) {
      transport.describe(
          request.build(), "create organisation access token '" + label + "' for " + resources);
      return new OrgAccessToken(
          "dry-run", label, true, clock.instant(), expiresAt, null, resources, null);
    }
    ApiResponse response = authorized(request);
    return transport.read(request.build(), response, OrgAccessToken.class);
  }

  /** The active organisation access token with this label, else a new one. */
  public Ensured<OrgAccessToken> ensureOrgAccessToken(
      String org, String label, List<OrgTokenResource> resources, Instant expiresAt) {
    Optional<OrgAccessToken> existing =
        listOrgAccessTokens(org).stream()
            .filter(t -> t.active() && label.equals(t.label()))
            .findFirst();
    if (existing.isPresent()) {
      return new Ensured.Existing<>(existing.get());
    }
    return new Ensured.Created<>(createOrgAccessToken(org, label, resources, expiresAt));
  }

  /** {@code DELETE /v2/orgs/{org_name}/access-tokens/{access_token_id}}. */
  public void deleteOrgAccessToken(String org, String id) {
    Request.Builder request = new Request.Builder().url(url(ORG_ACCESS_TOKEN, org, id)).delete();
    if (dryRun) {
      transport.describe(request.build(), "delete organisation access token " + id);
      return;
    }
    authorized(request);
  }

  // --------------------------------------------------- members and invites

  /**
   * {@code GET /v2/orgs/{org_name}/members}, all pages. The spec shows an array of paginated
   * objects; the live API answers one {@code {count, next, previous, results}} object. Both are
   * read.
   */
  public List<OrgMember> listOrgMembers(String org) {
    return pages(
        page -> pageUrl(ORG_MEMBERS, page, org),
        OrgMember.class,
        tree -> {
          if (!tree.isArray()) {
            return resultsPage(tree);
          }
          // Spec shape: [ {count, next, previous, results: [...]}, ... ]
          List<JsonNode> items = new ArrayList<>();
          boolean hasNext = false;
          for (JsonNode page : tree) {
            Page inner = resultsPage(page);
            items.addAll(inner.items());
            hasNext = inner.hasNext();
          }
          return new Page(items, hasNext);
        });
  }

  /**
   * {@code GET /v2/orgs/{org_name}/invites}: pending invitations. The spec shows
   * {@code {"data": [...]}}; a {@code results} list or a bare array is read as well.
   */
  public List<OrgInvite> listOrgInvites(String org) {
    Request request = new Request.Builder().url(url(ORG_INVITES, org)).get().build();
    ApiResponse response = authorized(request.newBuilder());
    JsonNode tree = transport.tree(request, response);
    JsonNode list = tree.isArray() ? tree : tree.has("data") ? tree.get("data") : tree.get("results");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw transport.unexpected(request, response, "invites are not a list");
    }
    return transport.convert(request, response, list, listOf(OrgInvite.class));
  }

  /**
   * {@code POST /v2/invites/bulk}: invites Docker IDs or e-mail addresses into the organisation and
   * team. The spec nests the answer ({@code {"invitees": {"invitees": [...]}}}); the live API
   * answers {@code {"invitees": [...]}} flat. Both are read. Not retried; see {@link
   * #ensureInvited}.
   *
   * @param role e.g. {@code member}
   */
  public List<InviteResult> bulkInvite(String org, String team, String role, List<String> invitees) {
    Request.Builder request =
        new Request.Builder()
            .url(url(BULK_INVITES))
            .post(Json.body(new BulkInviteBody(org, team, role, invitees, null)));
    if (dryRun) {
      transport.describe(
          request.build(), "invite " + invitees + " into " + org + "/" + team + " as " + role);
      return invitees.stream().map(i -> new InviteResult(i, "dry_run", null)).toList();
    }
    ApiResponse response = authorized(request);
    Request sent = request.build();
    JsonNode list = transport.tree(sent, response).path("invitees");
    if (list.isObject()) {
      list = list.path("invitees"); // the spec's nested shape
    }
    if (!list.isArray()) {
      throw transport.unexpected(sent, response, "no invitees list in the answer");
    }
    return transport.convert(sent, response, list, listOf(InviteResult.class));
  }

  /**
   * Invites the user unless they are already a member of the organisation or have a pending
   * invitation (matched by Docker ID or e-mail, case-insensitive).
   */
  public Ensured<String> ensureInvited(String org, String team, String role, String invitee) {
    String wanted = invitee.toLowerCase(Locale.ROOT);
    boolean member =
        listOrgMembers(org).stream()
            .anyMatch(
                m ->
                    wanted.equals(lower(m.username())) || wanted.equals(lower(m.email())));
    boolean invited =
        member
            || listOrgInvites(org).stream().anyMatch(i -> wanted.equals(lower(i.invitee())));
    if (invited) {
      return new Ensured.Existing<>(invitee);
    }
    bulkInvite(org, team, role, List.of(invitee));
    return new Ensured.Created<>(invitee);
  }

  /** {@code DELETE /v2/invites/{id}}: cancels a pending invitation. */
  public void deleteInvite(String id) {
    Request.Builder request = new Request.Builder().url(url(INVITE, id)).delete();
    if (dryRun) {
      transport.describe(request.build(), "cancel invitation " + id);
      return;
    }
    authorized(request);
  }

  /**
   * {@code GET /v2/orgs/{org_name}/groups/{group_name}/members}, all pages; read as a page object
   * or a bare array.
   */
  public List<TeamMember> listTeamMembers(String org, String team) {
    return pages(
        page -> pageUrl(TEAM_MEMBERS, page, org, team),
        TeamMember.class,
        tree -> {
          if (!tree.isArray()) {
            return resultsPage(tree);
          }
          // docker/hub-tool reads a bare array (no pages); the spec and Docker's terraform
          // provider a {count, next, previous, results} page.
          List<JsonNode> items = new ArrayList<>();
          tree.forEach(items::add);
          return new Page(items, false);
        });
  }

  /**
   * {@code POST /v2/orgs/{org_name}/groups/{group_name}/members/}: adds an organisation member
   * (the invitation must have been accepted) to a team. Not retried; see {@link
   * #ensureTeamMember}.
   */
  public void addTeamMember(String org, String team, String username) {
    // With the trailing slash, as Docker's own clients send it: without, Docker Hub redirects.
    Request.Builder request =
        new Request.Builder()
            .url(url(TEAM_MEMBERS, org, team).newBuilder().addPathSegment("").build())
            .post(Json.body(new AddMemberBody(username)));
    if (dryRun) {
      transport.describe(request.build(), "add " + username + " to team " + org + "/" + team);
      return;
    }
    authorized(request);
  }

  /** Adds the user to the team unless already in it. */
  public Ensured<String> ensureTeamMember(String org, String team, String username) {
    if (isTeamMember(org, team, username)) {
      return new Ensured.Existing<>(username);
    }
    addTeamMember(org, team, username);
    return new Ensured.Created<>(username);
  }

  /** Whether the Docker ID is in the team (case-insensitive). */
  public boolean isTeamMember(String org, String team, String username) {
    String wanted = username.toLowerCase(Locale.ROOT);
    return listTeamMembers(org, team).stream().anyMatch(m -> wanted.equals(lower(m.username())));
  }

  /** {@code DELETE /v2/orgs/{org_name}/groups/{group_name}/members/{username}}. */
  public void removeTeamMember(String org, String team, String username) {
    Request.Builder request =
        new Request.Builder().url(url(TEAM_MEMBER, org, team, username)).delete();
    if (dryRun) {
      transport.describe(
          request.build(), "remove " + username + " from team " + org + "/" + team);
      return;
    }
    authorized(request);
  }

  // ------------------------------------------------------------ plumbing

  /**
   * Sends the request with this identity's login token; on 401 drops the token, logs in once more
   * and sends it again (once).
   */
  private ApiResponse authorized(Request.Builder request) {
    String key = cacheKey(credential);
    LoginToken token = tokens.get(key, k -> login(credential));
    try {
      return transport.execute(request.tag(LoginToken.class, token).build(), token.value());
    } catch (UnauthorizedException expired) {
      tokens.asMap().remove(key, token);
      LoginToken fresh = tokens.get(key, k -> login(credential));
      return transport.execute(request.tag(LoginToken.class, fresh).build(), fresh.value());
    }
  }

  private record Page(List<JsonNode> items, boolean hasNext) {}

  private static Page resultsPage(JsonNode tree) {
    JsonNode results = tree.path("results");
    List<JsonNode> items = new ArrayList<>();
    results.forEach(items::add);
    JsonNode next = tree.path("next");
    return new Page(items, next.isTextual() && !next.asText().isEmpty());
  }

  private <T> List<T> pages(
      Function<Integer, HttpUrl> urlForPage, Class<T> type, Function<JsonNode, Page> reader) {
    List<T> all = new ArrayList<>();
    JavaType itemType = Json.MAPPER.constructType(type);
    for (int page = 1; page <= MAX_PAGES; page++) {
      Request request = new Request.Builder().url(urlForPage.apply(page)).get().build();
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

  /** The URL of a path template with its {@code {parameters}} filled in order, each escaped. */
  HttpUrl url(String template, String... parameters) {
    return Urls.expand(baseUrl, template, parameters);
  }

  private HttpUrl pageUrl(String template, int page, String... parameters) {
    return url(template, parameters)
        .newBuilder()
        .addQueryParameter("page", Integer.toString(page))
        .addQueryParameter("page_size", Integer.toString(PAGE_SIZE))
        .build();
  }

  private static JavaType listOf(Class<?> type) {
    return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  /** Identity plus a digest of the secret, so that a changed secret never reuses a token. */
  static String cacheKey(DockerHubCredential identity) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(identity.secret().getBytes(StandardCharsets.UTF_8));
      return identity.getClass().getSimpleName()
          + ":"
          + identity.identifier().toLowerCase(Locale.ROOT)
          + ":"
          + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // Request bodies, exactly the fields the spec names.

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

  private record CreatePatBody(
      @JsonProperty("token_label") String tokenLabel,
      @JsonProperty("scopes") List<String> scopes,
      @JsonProperty("expires_at") String expiresAt) {
    CreatePatBody(String tokenLabel, List<String> scopes, Instant expiresAt) {
      this(tokenLabel, scopes, wholeSeconds(expiresAt));
    }
  }

  private record PatchPatBody(@JsonProperty("is_active") boolean isActive) {}

  private record CreateOatBody(
      @JsonProperty("label") String label,
      @JsonProperty("resources") List<OrgTokenResource> resources,
      @JsonProperty("expires_at") String expiresAt) {
    CreateOatBody(String label, List<OrgTokenResource> resources, Instant expiresAt) {
      this(label, resources, wholeSeconds(expiresAt));
    }
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

  private record BulkInviteBody(
      @JsonProperty("org") String org,
      @JsonProperty("team") String team,
      @JsonProperty("role") String role,
      @JsonProperty("invitees") List<String> invitees,
      @JsonProperty("dry_run") Boolean dryRun) {}

  private record AddMemberBody(@JsonProperty("member") String member) {}
}

package org.webops.dockerhubbot.testing;

import static org.webops.dockerhubbot.testing.FakeJson.body;
import static org.webops.dockerhubbot.testing.FakeJson.json;
import static org.webops.dockerhubbot.testing.FakeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A stateful fake of the Docker Hub API on loopback for the end-to-end tests: one organisation
 * with one team, user accounts, logins, personal and organisation access tokens, members, invites
 * and team members. Records each request; failures can be injected per method and path.
 *
 * <p>Logins: {@code POST /v2/users/login} (accounts) and {@code POST /v2/auth/token} (accounts by
 * password, the admin organisation token with identifier = organisation, an organisation token
 * created here, or a personal access token created here). Each answers a fresh JWT valid for 10
 * minutes; the endpoints check {@code Authorization: Bearer} against these. Personal-token
 * endpoints act for the logged-in user (a session from a personal access token gets 403, as on
 * the live Hub); organisation endpoints need the admin identity (the admin organisation token, or
 * an account made owner with {@link #addOwner}); any other bearer gets 401.
 *
 * <p>Thread-safe: every request and every test control takes one lock.
 */
public final class FakeDockerHub implements AutoCloseable {

  /** A personal access token as stored; {@code token} is the secret value. */
  public record PersonalToken(
      String uuid,
      String username,
      String label,
      List<String> scopes,
      boolean active,
      Instant createdAt,
      Instant expiresAt,
      String token) {}

  /** What an organisation access token may reach. */
  public record Resource(String type, String path, List<String> scopes) {}

  /** An organisation access token as stored; {@code token} is the secret value. */
  public record OrgToken(
      String id,
      String label,
      String createdBy,
      boolean active,
      Instant createdAt,
      Instant expiresAt,
      List<Resource> resources,
      String token) {}

  /** A pending invitation. */
  public record Invite(
      String id,
      String invitee,
      String inviter,
      String org,
      String team,
      String role,
      Instant createdAt) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
  private static final Set<String> PAT_SCOPES =
      Set.of("repo:admin", "repo:write", "repo:read", "repo:public_read");

  private enum Kind {
    /** An account, by password. */
    USER,
    /** An account, by one of its personal access tokens. */
    USER_PAT,
    /** The organisation, by the admin organisation token. */
    ADMIN_ORG,
    /** The organisation, by an organisation token created through the API. */
    ORG_TOKEN
  }

  private record Session(String subject, Kind kind, Instant expiresAt) {}

  private static final class Account {
    final String username;
    String password;
    final String id = UUID.randomUUID().toString();
    final Instant joined;
    boolean verified;
    boolean twoFactor;

    Account(String username, String password, boolean verified, Instant joined) {
      this.username = username;
      this.password = password;
      this.verified = verified;
      this.joined = joined;
    }

    String email() {
      return username + "@example.org";
    }
  }

  private static final class Member {
    final String username;
    final String id;
    final String email;
    String role;
    final Instant joined;

    Member(String username, String id, String email, String role, Instant joined) {
      this.username = username;
      this.id = id;
      this.email = email;
      this.role = role;
      this.joined = joined;
    }
  }

  private final String org;
  private final String team;
  /** Guarded by lock; null once revoked. */
  private String adminOrgToken;
  private final Clock clock;
  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Faults faults = new Faults("{\"detail\":\"injected failure\"}");
  private volatile Duration latency = Duration.ZERO;
  private volatile int orgTokenLimit = Integer.MAX_VALUE;
  private volatile String nextInviteStatus;

  // All below guarded by lock. Keys are lower-case user names.
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final List<PersonalToken> personalTokens = new ArrayList<>();
  private final List<OrgToken> orgTokens = new ArrayList<>();
  private final List<Invite> invites = new ArrayList<>();
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, Set<String>> teams = new LinkedHashMap<>();

  /**
   * @param org the organisation's name
   * @param team its team (group)
   * @param adminOrgToken the admin organisation access token {@code POST /v2/auth/token} accepts
   *     with {@code identifier} = {@code org}
   */
  public FakeDockerHub(String org, String team, String adminOrgToken) throws IOException {
    this(org, team, adminOrgToken, Clock.systemUTC());
  }

  /** As above with the clock for JWT expiry and timestamps (e.g. the bot's test clock). */
  public FakeDockerHub(String org, String team, String adminOrgToken, Clock clock)
      throws IOException {
    this.org = org;
    this.team = team;
    this.adminOrgToken = adminOrgToken;
    this.clock = clock;
    teams.put(lower(team), new LinkedHashSet<>());
    FakeServers.start(server, request -> {
      requests.add(request);
      return answer(request);
    });
  }

  /** The {@code DOCKERHUB_API_URL} to configure (scheme, host and port; no path). */
  public String apiUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  public String org() {
    return org;
  }

  public String team() {
    return team;
  }

  // ------------------------------------------------------------ test controls

  /** Creates an account with a verified e-mail ({@code <username>@example.org}). */
  public void signUp(String username, String password) {
    addAccount(username, password, true);
  }

  /** Creates an account whose e-mail is not verified yet: logins answer 401. */
  public void signUpUnverified(String username, String password) {
    addAccount(username, password, false);
  }

  public void verifyEmail(String username) {
    synchronized (lock) {
      account(username).verified = true;
    }
  }

  /** Turns on two-factor authentication: password logins answer 401 with a login_2fa_token. */
  public void enableTwoFactor(String username) {
    synchronized (lock) {
      account(username).twoFactor = true;
    }
  }

  /** Turns two-factor authentication off again. */
  public void disableTwoFactor(String username) {
    synchronized (lock) {
      account(username).twoFactor = false;
    }
  }

  /** Someone changes the account's password: logins with the old one answer 401. */
  public void changePassword(String username, String newPassword) {
    synchronized (lock) {
      account(username).password = newPassword;
    }
  }

  /**
   * Someone revokes the admin organisation access token (or it expires): {@code POST
   * /v2/auth/token} refuses it, and the sessions it opened end.
   */
  public void revokeAdminOrgToken() {
    synchronized (lock) {
      adminOrgToken = null;
      sessions.values().removeIf(session -> session.kind() == Kind.ADMIN_ORG);
    }
  }

  /** A new admin organisation access token, in place of a revoked one. */
  public void issueAdminOrgToken(String token) {
    synchronized (lock) {
      adminOrgToken = token;
    }
  }

  /**
   * The user accepts their pending invitation but lands in the organisation only, not in the
   * team (as when the invitation named no team): adding them to it is left to the bot.
   */
  public void acceptInviteWithoutTeam(String username) {
    synchronized (lock) {
      Invite invite = invites.stream().filter(i -> i.invitee().equalsIgnoreCase(username))
          .findFirst().orElseThrow(() -> new IllegalStateException("no invite for " + username));
      invites.remove(invite);
      addMemberLocked(username, "Member");
    }
  }

  /** The user accepts their pending invitation: they become an organisation and team member. */
  public void acceptInvite(String username) {
    synchronized (lock) {
      Account account = accounts.get(lower(username));
      Invite invite = invites.stream()
          .filter(i -> i.invitee().equalsIgnoreCase(username)
              || account != null && i.invitee().equalsIgnoreCase(account.email()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no pending invite for " + username
              + "; invites: " + invites.stream().map(Invite::invitee).toList()));
      invites.remove(invite);
      String role = invite.role() == null ? "Member" : capitalise(invite.role());
      addMemberLocked(username, role);
      if (invite.team() != null && teams.containsKey(lower(invite.team()))) {
        teams.get(lower(invite.team())).add(canonical(username));
      }
    }
  }

  /** Makes the user a member of the organisation (not of the team), without an invitation. */
  public void addMember(String username) {
    synchronized (lock) {
      addMemberLocked(username, "Member");
    }
  }

  /**
   * Makes the user an owner of the organisation: their password logins may then call the
   * organisation endpoints, like the admin organisation token.
   */
  public void addOwner(String username) {
    synchronized (lock) {
      addMemberLocked(username, "Owner").role = "Owner";
    }
  }

  /** Forgets every bearer token handed out, so the next call of each client answers 401. */
  public void expireSessions() {
    synchronized (lock) {
      sessions.clear();
    }
  }

  public List<PersonalToken> personalTokens(String username) {
    synchronized (lock) {
      return personalTokens.stream()
          .filter(t -> t.username().equalsIgnoreCase(username))
          .toList();
    }
  }

  /**
   * The next bulk invitation answers this status for its invitee and invites nobody (e.g.
   * {@code invalid_email_or_docker_id}, one of the spec's examples).
   */
  public void answerNextInvite(String status) {
    this.nextInviteStatus = status;
  }

  /** How many organisation access tokens (of any state) the organisation's plan allows. */
  public void orgTokenLimit(int limit) {
    this.orgTokenLimit = limit;
  }

  /** An organisation token made outside the bot (by a person in the web UI, or another tool). */
  public OrgToken addOrgToken(String label) {
    synchronized (lock) {
      OrgToken token = new OrgToken(UUID.randomUUID().toString(), label, "someone", true,
          clock.instant(), null, List.of(new Resource("TYPE_REPO", "*/*/public",
              List.of("scope-image-pull"))), "dckr_oat_" + random(27));
      orgTokens.add(token);
      return token;
    }
  }

  /** Someone deletes an organisation token in Docker Hub's web UI. */
  public void removeOrgToken(String id) {
    synchronized (lock) {
      if (!orgTokens.removeIf(t -> t.id().equals(id))) {
        throw new IllegalStateException("no organisation token " + id);
      }
    }
  }

  /** Someone deactivates an organisation token in Docker Hub's web UI (as PATCH is_active). */
  public void deactivateOrgToken(String id) {
    synchronized (lock) {
      OrgToken t = orgTokens.stream().filter(token -> token.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no organisation token " + id));
      orgTokens.set(orgTokens.indexOf(t), new OrgToken(t.id(), t.label(), t.createdBy(), false,
          t.createdAt(), t.expiresAt(), t.resources(), t.token()));
    }
  }

  /** Someone adds an organisation member to the team by hand (the old runbook). */
  public void addToTeam(String username) {
    synchronized (lock) {
      addMemberLocked(username, "Member");
      teams.get(lower(team)).add(canonical(username));
    }
  }

  /** Someone removes a member from the team (not from the organisation) by hand. */
  public void removeFromTeam(String username) {
    synchronized (lock) {
      if (!teams.get(lower(team)).removeIf(name -> name.equalsIgnoreCase(username))) {
        throw new IllegalStateException(username + " is not in the team");
      }
    }
  }

  public List<OrgToken> orgTokens() {
    synchronized (lock) {
      return List.copyOf(orgTokens);
    }
  }

  /** Pending invitations. */
  public List<Invite> invites() {
    synchronized (lock) {
      return List.copyOf(invites);
    }
  }

  /** User names of the organisation's members (owners included), in the order they joined. */
  public List<String> orgMembers() {
    synchronized (lock) {
      return members.values().stream().map(m -> m.username).toList();
    }
  }

  /** User names of the team's members. */
  public List<String> teamMembers() {
    synchronized (lock) {
      return List.copyOf(teams.get(lower(team)));
    }
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * How many requests had this method ({@code null} or {@code *}: any) and an encoded path
   * starting with the prefix.
   */
  /**
   * Logins ({@code POST /v2/users/login} and {@code /v2/auth/token}) as anyone but {@code
   * username}: e.g. every login but the admin's, whose credential the bot checks by itself.
   */
  public int loginsOtherThan(String username) {
    return (int) requests().stream()
        .filter(r -> r.getMethod().equals("POST")
            && (r.getUrl().encodedPath().equals("/v2/users/login")
                || r.getUrl().encodedPath().equals("/v2/auth/token"))
            && (r.getBody() == null || !r.getBody().utf8().contains("\"" + username + "\"")))
        .count();
  }

  public int count(String method, String pathPrefix) {
    return (int) requests.stream()
        .filter(r -> Faults.methodMatches(method, r.getMethod()))
        .filter(r -> r.getUrl().encodedPath().startsWith(pathPrefix))
        .count();
  }

  /**
   * The next {@code times} requests with this method ({@code null} or {@code *}: any) whose whole
   * encoded path matches the regex answer {@code status} with {@code {"detail":"injected
   * failure"}} and have no effect; 429 carries {@code Retry-After: 0}.
   */
  public void failNext(String method, String pathRegex, int status, int times) {
    faults.add(method, pathRegex, Faults.Kind.FAIL, status, times, Duration.ZERO);
  }

  /** The next matching request takes effect, then answers {@code status} (a lost answer). */
  public void failNextAfterEffect(String method, String pathRegex, int status) {
    faults.add(method, pathRegex, Faults.Kind.AFTER_EFFECT, status, 1, Duration.ZERO);
  }

  /**
   * The next matching request takes effect at once but its answer's headers come only after
   * {@code delay}, to make the client time out.
   */
  public void stallNext(String method, String pathRegex, Duration delay) {
    faults.add(method, pathRegex, Faults.Kind.STALL, 0, 1, delay);
  }

  @Override
  public void close() {
    server.close();
  }

  // ------------------------------------------------------------ dispatch

  private MockResponse answer(RecordedRequest request) {
    Faults.Fault fault = faults.take(request.getMethod(), request.getUrl().encodedPath());
    MockResponse answer = faults.answer(fault, lock, () -> route(request), FakeDockerHub::detail);
    Duration delay = latency;
    return delay.isZero() ? answer : answer.newBuilder()
        .headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build();
  }

  /** Every answer from now on comes this late, like a distant API (for benchmarks). */
  public void latency(Duration latency) {
    this.latency = latency;
  }

  private MockResponse route(RecordedRequest request) {
    String method = request.getMethod();
    List<String> s = request.getUrl().pathSegments();
    if (s.isEmpty() || !s.get(0).equals("v2")) {
      return notFound();
    }
    int n = s.size();
    if (n == 3 && s.get(1).equals("users") && s.get(2).equals("login")) {
      return method.equals("POST") ? usersLogin(body(request)) : notAllowed();
    }
    if (n == 3 && s.get(1).equals("auth") && s.get(2).equals("token")) {
      return method.equals("POST") ? authToken(body(request)) : notAllowed();
    }
    if (s.get(1).equals("access-tokens") && (n == 2 || n == 3)) {
      Session session = session(request);
      if (session == null || session.kind() == Kind.ADMIN_ORG || session.kind() == Kind.ORG_TOKEN) {
        return unauthorized();
      }
      if (session.kind() == Kind.USER_PAT) {
        return detail(403, "token issued from personal access token is not allowed");
      }
      String user = session.subject();
      if (n == 2) {
        return switch (method) {
          case "GET" -> listPersonalTokens(request, user);
          case "POST" -> createPersonalToken(body(request), user);
          default -> notAllowed();
        };
      }
      return switch (method) {
        case "GET" -> getPersonalToken(user, s.get(2));
        case "PATCH" -> patchPersonalToken(user, s.get(2), body(request));
        case "DELETE" -> deletePersonalToken(user, s.get(2));
        default -> notAllowed();
      };
    }
    if (n == 3 && s.get(1).equals("invites") && s.get(2).equals("bulk")) {
      if (!method.equals("POST")) {
        return notAllowed();
      }
      Session session = adminSession(request);
      return session == null ? unauthorized() : bulkInvite(session, body(request));
    }
    if (n == 3 && s.get(1).equals("invites")) {
      if (!method.equals("DELETE")) {
        return notAllowed();
      }
      return adminSession(request) == null ? unauthorized() : deleteInvite(s.get(2));
    }
    if (n >= 4 && s.get(1).equals("orgs")) {
      if (!s.get(2).equalsIgnoreCase(org)) {
        return detail(404, "organization not found");
      }
      if (adminSession(request) == null) {
        return unauthorized();
      }
      return orgRoute(request, method, s.subList(3, n));
    }
    return notFound();
  }

  private MockResponse orgRoute(RecordedRequest request, String method, List<String> s) {
    int n = s.size();
    String first = s.get(0);
    if (first.equals("access-tokens") && session(request).kind() != Kind.USER) {
      // Docker's provider: organisation access tokens are managed only "when authenticated with
      // a username and password as an owner of the org". The live answer's wording is not
      // documented.
      return detail(403, "organization access tokens cannot manage organization access tokens");
    }
    if (first.equals("access-tokens") && n == 1) {
      return switch (method) {
        case "GET" -> listOrgTokens(request);
        case "POST" -> createOrgToken(session(request), body(request));
        default -> notAllowed();
      };
    }
    if (first.equals("access-tokens") && n == 2) {
      return switch (method) {
        case "GET" -> orgTokenById(s.get(1))
            .map(t -> json(200, orgTokenJson(t, true, false)))
            .orElseGet(FakeDockerHub::notFound);
        case "PATCH" -> patchOrgToken(s.get(1), body(request));
        case "DELETE" -> deleteOrgToken(s.get(1));
        default -> notAllowed();
      };
    }
    if (first.equals("members") && n == 1) {
      return method.equals("GET") ? listOrgMembers(request) : notAllowed();
    }
    if (first.equals("members") && n == 2) {
      return method.equals("DELETE") ? removeOrgMember(s.get(1)) : notAllowed();
    }
    if (first.equals("invites") && n == 1) {
      return method.equals("GET") ? listInvites() : notAllowed();
    }
    if (first.equals("groups") && n >= 3 && s.get(2).equals("members")) {
      Set<String> teamMembers = teams.get(lower(s.get(1)));
      if (teamMembers == null) {
        return detail(404, "group not found");
      }
      boolean slash = n == 4 && s.get(3).isEmpty();
      if (n == 3 && method.equals("POST")) {
        // As Docker Hub's framework answers a write without its trailing slash: a redirect,
        // which an HTTP client would replay as a GET.
        return new MockResponse.Builder().code(301)
            .addHeader("Location", request.getUrl().encodedPath() + "/").build();
      }
      if (n == 3 || slash) {
        return switch (method) {
          case "GET" -> listTeamMembers(request, teamMembers);
          case "POST" -> addTeamMember(teamMembers, body(request));
          default -> notAllowed();
        };
      }
      if (n == 4) {
        return method.equals("DELETE") ? removeTeamMember(teamMembers, s.get(3)) : notAllowed();
      }
    }
    return notFound();
  }

  // ------------------------------------------------------------ logins

  private MockResponse usersLogin(JsonNode body) {
    String username = text(body, "username");
    String password = text(body, "password");
    Account account = username == null ? null : accounts.get(lower(username));
    if (account == null || !account.password.equals(password)) {
      return detail(401, "Incorrect authentication credentials");
    }
    if (!account.verified) {
      return detail(401, "Your account's e-mail address is not verified");
    }
    if (account.twoFactor) {
      ObjectNode answer = JSON.createObjectNode()
          .put("detail", "Require secondary authentication on MFA enabled account")
          .put("login_2fa_token", random(24));
      return json(401, answer);
    }
    return json(200, JSON.createObjectNode().put("token", newSession(account.username, Kind.USER)));
  }

  private MockResponse authToken(JsonNode body) {
    String identifier = text(body, "identifier");
    String secret = text(body, "secret");
    if (identifier == null || secret == null) {
      throw new FakeJson.BadRequest("identifier and secret are required");
    }
    String jwt = null;
    if (identifier.equalsIgnoreCase(org)) {
      if (secret.equals(adminOrgToken)) {
        jwt = newSession(org, Kind.ADMIN_ORG);
      } else if (orgTokens.stream().anyMatch(t -> t.token().equals(secret) && usable(t.active(),
          t.expiresAt()))) {
        jwt = newSession(org, Kind.ORG_TOKEN);
      }
    } else {
      Account account = accounts.get(lower(identifier));
      if (account != null && account.password.equals(secret)) {
        if (!account.verified) {
          return detail(401, "Your account's e-mail address is not verified");
        }
        if (!account.twoFactor) {
          jwt = newSession(account.username, Kind.USER);
        }
      } else if (account != null && personalTokens.stream().anyMatch(t ->
          t.username().equals(account.username) && t.token().equals(secret)
              && usable(t.active(), t.expiresAt()))) {
        jwt = newSession(account.username, Kind.USER_PAT);
      }
    }
    if (jwt == null) {
      return detail(401, "Incorrect authentication credentials");
    }
    return json(200, JSON.createObjectNode().put("access_token", jwt));
  }

  private boolean usable(boolean active, Instant expiresAt) {
    return active && (expiresAt == null || expiresAt.isAfter(clock.instant()));
  }

  private String newSession(String subject, Kind kind) {
    Instant now = clock.instant();
    Instant expires = now.plus(TOKEN_LIFETIME);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    ObjectNode payload = JSON.createObjectNode()
        .put("sub", subject)
        .put("iat", now.getEpochSecond())
        .put("exp", expires.getEpochSecond())
        .put("jti", UUID.randomUUID().toString());
    String jwt = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8))
        + "." + random(32);
    sessions.put(jwt, new Session(subject, kind, expires));
    return jwt;
  }

  /** The valid session of the request's bearer token, else null. */
  private Session session(RecordedRequest request) {
    String authorization = request.getHeaders().get("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    Session session = sessions.get(authorization.substring("Bearer ".length()).trim());
    if (session == null || !session.expiresAt().isAfter(clock.instant())) {
      return null;
    }
    if ((session.kind() == Kind.USER || session.kind() == Kind.USER_PAT)
        && !accounts.containsKey(lower(session.subject()))) {
      return null;
    }
    return session;
  }

  /** The request's session when it may administer the organisation, else null. */
  private Session adminSession(RecordedRequest request) {
    Session session = session(request);
    if (session == null) {
      return null;
    }
    if (session.kind() == Kind.ADMIN_ORG) {
      return session;
    }
    Member member = members.get(lower(session.subject()));
    return session.kind() == Kind.USER && member != null && member.role.equals("Owner")
        ? session
        : null;
  }

  // ------------------------------------------------------------ personal access tokens

  private MockResponse listPersonalTokens(RecordedRequest request, String user) {
    List<PersonalToken> mine = personalTokens.stream()
        .filter(t -> t.username().equals(user))
        .toList();
    List<ObjectNode> items = mine.stream().map(t -> patJson(t, false)).toList();
    ObjectNode page = page(request, items, "count");
    if (page == null) {
      return detail(404, "Invalid page.");
    }
    page.put("active_count", mine.stream().filter(PersonalToken::active).count());
    return json(200, page);
  }

  private MockResponse createPersonalToken(JsonNode body, String user) {
    String label = text(body, "token_label");
    if (label == null || label.isBlank() || label.length() > 100) {
      throw new FakeJson.BadRequest("token_label: must be 1 to 100 characters");
    }
    List<String> scopes = strings(body.get("scopes"));
    if (scopes.isEmpty() || !PAT_SCOPES.containsAll(scopes)) {
      throw new FakeJson.BadRequest("scopes: must be some of " + PAT_SCOPES);
    }
    PersonalToken token = new PersonalToken(UUID.randomUUID().toString(), user, label, scopes,
        true, clock.instant(), instant(body, "expires_at"), "dckr_pat_" + random(27));
    personalTokens.add(token);
    return json(201, patJson(token, true));
  }

  private MockResponse getPersonalToken(String user, String uuid) {
    return personalTokens.stream()
        .filter(t -> t.username().equals(user) && t.uuid().equals(uuid))
        .findFirst()
        .map(t -> json(200, patJson(t, false)))
        .orElseGet(FakeDockerHub::notFound);
  }

  private MockResponse patchPersonalToken(String user, String uuid, JsonNode body) {
    for (int i = 0; i < personalTokens.size(); i++) {
      PersonalToken t = personalTokens.get(i);
      if (t.username().equals(user) && t.uuid().equals(uuid)) {
        boolean active = body.has("is_active") ? body.get("is_active").asBoolean() : t.active();
        String label = body.hasNonNull("token_label") ? body.get("token_label").asText() : t.label();
        PersonalToken patched = new PersonalToken(t.uuid(), t.username(), label, t.scopes(),
            active, t.createdAt(), t.expiresAt(), t.token());
        personalTokens.set(i, patched);
        return json(200, patJson(patched, false));
      }
    }
    return notFound();
  }

  private MockResponse deletePersonalToken(String user, String uuid) {
    boolean removed =
        personalTokens.removeIf(t -> t.username().equals(user) && t.uuid().equals(uuid));
    return removed ? empty(204) : notFound();
  }

  private static ObjectNode patJson(PersonalToken t, boolean withValue) {
    ObjectNode node = JSON.createObjectNode()
        .put("uuid", t.uuid())
        .put("client_id", "HUB")
        .put("creator_ip", "127.0.0.1")
        .put("creator_ua", "fake")
        .put("created_at", t.createdAt().toString())
        .putNull("last_used")
        .put("generated_by", "manual")
        .put("is_active", t.active())
        .put("token", withValue ? t.token() : "")
        .put("token_label", t.label());
    ArrayNode scopes = node.putArray("scopes");
    t.scopes().forEach(scopes::add);
    putInstant(node, "expires_at", t.expiresAt());
    return node;
  }

  // ------------------------------------------------------------ organisation access tokens

  private MockResponse listOrgTokens(RecordedRequest request) {
    List<ObjectNode> items = orgTokens.stream().map(t -> orgTokenJson(t, false, false)).toList();
    ObjectNode page = page(request, items, "total");
    return page == null ? detail(404, "Invalid page.") : json(200, page);
  }

  private MockResponse createOrgToken(Session session, JsonNode body) {
    String label = text(body, "label");
    if (label == null || label.isBlank()) {
      throw new FakeJson.BadRequest("label is required");
    }
    List<Resource> resources = new ArrayList<>();
    JsonNode list = body.get("resources");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new FakeJson.BadRequest("resources must be a list");
      }
      for (JsonNode r : list) {
        String type = text(r, "type");
        String path = text(r, "path");
        List<String> scopes = strings(r.get("scopes"));
        if (!("TYPE_REPO".equals(type) || "TYPE_ORG".equals(type)) || path == null
            || scopes.isEmpty()) {
          throw new FakeJson.BadRequest("resources: type, path and scopes are required");
        }
        resources.add(new Resource(type, path, scopes));
      }
    }
    if (orgTokens.size() >= orgTokenLimit) {
      // Docker documents the limit (10 on Team, 100 on Business, expired tokens count) but not
      // the answer; this wording is the fake's.
      return detail(400, "the organization has reached its limit of " + orgTokenLimit
          + " access tokens");
    }
    OrgToken token = new OrgToken(UUID.randomUUID().toString(), label, session.subject(), true,
        clock.instant(), instant(body, "expires_at"), List.copyOf(resources),
        "dckr_oat_" + random(27));
    orgTokens.add(token);
    return json(201, orgTokenJson(token, true, true));
  }

  private java.util.Optional<OrgToken> orgTokenById(String id) {
    return orgTokens.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  private MockResponse patchOrgToken(String id, JsonNode body) {
    for (int i = 0; i < orgTokens.size(); i++) {
      OrgToken t = orgTokens.get(i);
      if (t.id().equals(id)) {
        OrgToken patched = new OrgToken(t.id(),
            body.hasNonNull("label") ? body.get("label").asText() : t.label(), t.createdBy(),
            body.has("is_active") ? body.get("is_active").asBoolean() : t.active(),
            t.createdAt(), t.expiresAt(), t.resources(), t.token());
        orgTokens.set(i, patched);
        return json(200, orgTokenJson(patched, true, false));
      }
    }
    return notFound();
  }

  private MockResponse deleteOrgToken(String id) {
    return orgTokens.removeIf(t -> t.id().equals(id)) ? empty(204) : notFound();
  }

  private static ObjectNode orgTokenJson(OrgToken t, boolean withResources, boolean withValue) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", t.id())
        .put("label", t.label())
        .put("created_by", t.createdBy())
        .put("is_active", t.active())
        .put("created_at", t.createdAt().toString());
    putInstant(node, "expires_at", t.expiresAt());
    node.putNull("last_used_at");
    if (withResources) {
      ArrayNode resources = node.putArray("resources");
      for (Resource r : t.resources()) {
        ObjectNode resource = resources.addObject().put("type", r.type()).put("path", r.path());
        ArrayNode scopes = resource.putArray("scopes");
        r.scopes().forEach(scopes::add);
      }
    }
    if (withValue) {
      node.put("token", t.token());
    }
    return node;
  }

  // ------------------------------------------------------------ members, invites, teams

  private MockResponse listOrgMembers(RecordedRequest request) {
    List<ObjectNode> items = new ArrayList<>();
    for (Member m : members.values()) {
      ObjectNode node = JSON.createObjectNode()
          .put("id", m.id)
          .put("username", m.username)
          .put("full_name", m.username)
          .put("type", "User")
          .put("email", m.email)
          .put("role", m.role);
      ArrayNode groups = node.putArray("groups");
      teams.forEach((name, users) -> {
        if (users.contains(m.username)) {
          groups.add(name);
        }
      });
      node.put("is_guest", false);
      items.add(node);
    }
    // Pending invitations are listed too, with the role Invitee: they have not accepted.
    for (Invite invite : invites) {
      items.add(JSON.createObjectNode().put("id", invite.id())
          .put("username", invite.invitee().contains("@") ? null : invite.invitee())
          .put("email", invite.invitee().contains("@") ? invite.invitee() : null)
          .put("role", "Invitee").put("type", "User").put("is_guest", false));
    }
    ObjectNode page = page(request, items, "count");
    return page == null ? detail(404, "Invalid page.") : json(200, page);
  }

  private MockResponse listInvites() {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode data = answer.putArray("data");
    invites.forEach(i -> data.add(inviteJson(i)));
    return json(200, answer);
  }

  private MockResponse bulkInvite(Session session, JsonNode body) {
    String bodyOrg = text(body, "org");
    if (bodyOrg == null || !bodyOrg.equalsIgnoreCase(org)) {
      return detail(404, "organization not found");
    }
    String bodyTeam = text(body, "team");
    if (bodyTeam != null && !teams.containsKey(lower(bodyTeam))) {
      throw new FakeJson.BadRequest("team not found: " + bodyTeam);
    }
    List<String> invitees = strings(body.get("invitees"));
    if (invitees.isEmpty()) {
      throw new FakeJson.BadRequest("invitees must not be empty");
    }
    String role = text(body, "role") == null ? "member" : text(body, "role");
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("invitees");
    String forced = nextInviteStatus;
    nextInviteStatus = null;
    for (String invitee : invitees) {
      ObjectNode result = results.addObject().put("invitee", invitee);
      if (forced != null) {
        result.put("status", forced);
        continue;
      }
      Account account = accounts.get(lower(invitee));
      if (members.values().stream().anyMatch(m -> m.username.equalsIgnoreCase(invitee)
          || m.email.equalsIgnoreCase(invitee))) {
        result.put("status", "existing_org_member");
        continue;
      }
      Invite pending = invites.stream()
          .filter(i -> i.invitee().equalsIgnoreCase(invitee))
          .findFirst().orElse(null);
      if (pending != null) {
        result.put("status", "already_invited");
        result.set("invite", inviteJson(pending));
        continue;
      }
      if (account == null && !invitee.contains("@")) {
        result.put("status", "invalid_email_or_docker_id");
        continue;
      }
      Invite invite = new Invite(UUID.randomUUID().toString(),
          account == null ? invitee : account.username, session.subject(), org,
          bodyTeam, role, clock.instant());
      invites.add(invite);
      result.put("status", "invited");
      result.set("invite", inviteJson(invite));
    }
    return json(202, answer);
  }

  private MockResponse deleteInvite(String id) {
    return invites.removeIf(i -> i.id().equals(id)) ? empty(204) : notFound();
  }

  private static ObjectNode inviteJson(Invite i) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", i.id())
        .put("inviter_username", i.inviter())
        .put("invitee", i.invitee())
        .put("org", i.org());
    if (i.team() != null) {
      node.put("team", i.team());
    }
    return node.put("created_at", i.createdAt().toString());
  }

  private MockResponse listTeamMembers(RecordedRequest request, Set<String> teamMembers) {
    List<ObjectNode> items = new ArrayList<>();
    for (String username : teamMembers) {
      Member m = members.get(lower(username));
      items.add(JSON.createObjectNode()
          .put("id", m.id)
          .put("username", m.username)
          .put("full_name", m.username)
          .put("type", "User")
          .put("email", m.email)
          .put("date_joined", m.joined.toString()));
    }
    ObjectNode page = page(request, items, "count");
    return page == null ? detail(404, "Invalid page.") : json(200, page);
  }

  private MockResponse addTeamMember(Set<String> teamMembers, JsonNode body) {
    String member = text(body, "member");
    if (member == null || member.isBlank()) {
      throw new FakeJson.BadRequest("member is required");
    }
    Member m = members.get(lower(member));
    if (m == null) {
      return detail(404, "user " + member + " is not a member of the organization");
    }
    teamMembers.add(m.username);
    return json(200, JSON.createObjectNode().put("id", m.id).put("username", m.username)
        .put("email", m.email).put("type", "User"));
  }

  /** Removes the member from the organisation and from every team in it. */
  private MockResponse removeOrgMember(String username) {
    Member m = members.remove(lower(username));
    if (m == null) {
      return detail(404, "member not found");
    }
    teams.values().forEach(team -> team.remove(m.username));
    return empty(204);
  }

  private MockResponse removeTeamMember(Set<String> teamMembers, String username) {
    Member m = members.get(lower(username));
    return m != null && teamMembers.remove(m.username) ? empty(204) : notFound();
  }

  // ------------------------------------------------------------ state helpers

  private void addAccount(String username, String password, boolean verified) {
    synchronized (lock) {
      if (accounts.containsKey(lower(username))) {
        throw new IllegalStateException("account exists: " + username);
      }
      accounts.put(lower(username), new Account(username, password, verified, clock.instant()));
    }
  }

  private Account account(String username) {
    Account account = accounts.get(lower(username));
    if (account == null) {
      throw new IllegalStateException("no account " + username);
    }
    return account;
  }

  private Member addMemberLocked(String username, String role) {
    Member existing = members.get(lower(username));
    if (existing != null) {
      return existing;
    }
    Account account = accounts.get(lower(username));
    Member member = account == null
        ? new Member(username, UUID.randomUUID().toString(), username + "@example.org", role,
            clock.instant())
        : new Member(account.username, account.id, account.email(), role, clock.instant());
    members.put(lower(username), member);
    return member;
  }

  /** The user name as the account spells it, else as given. */
  private String canonical(String username) {
    Member member = members.get(lower(username));
    return member != null ? member.username : username;
  }

  // ------------------------------------------------------------ JSON helpers

  /** One page of {@code {<countField>, next, previous, results}}, or null past the last page. */
  private static ObjectNode page(RecordedRequest request, List<ObjectNode> items, String countField) {
    HttpUrl url = request.getUrl();
    int page = intParam(url, "page", 1);
    int size = Math.min(Math.max(intParam(url, "page_size", 10), 1), 100);
    int from = (page - 1) * size;
    if (page < 1 || page > 1 && from >= items.size()) {
      return null;
    }
    int to = Math.min(from + size, items.size());
    ObjectNode answer = JSON.createObjectNode().put(countField, items.size());
    if (to < items.size()) {
      answer.put("next", url.newBuilder()
          .setQueryParameter("page", Integer.toString(page + 1))
          .setQueryParameter("page_size", Integer.toString(size)).build().toString());
    } else {
      answer.putNull("next");
    }
    if (page > 1) {
      answer.put("previous", url.newBuilder()
          .setQueryParameter("page", Integer.toString(page - 1))
          .setQueryParameter("page_size", Integer.toString(size)).build().toString());
    } else {
      answer.putNull("previous");
    }
    ArrayNode results = answer.putArray("results");
    items.subList(from, to).forEach(results::add);
    return answer;
  }

  private static int intParam(HttpUrl url, String name, int fallback) {
    String value = url.queryParameter(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new FakeJson.BadRequest(name + " must be a number");
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        values.add(it.next().asText());
      }
    }
    return List.copyOf(values);
  }

  /** As Docker's own provider validates it: at most six fractional digits. */
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z");

  private static Instant instant(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!DATE_TIME.matcher(value).matches()) {
      throw new FakeJson.BadRequest(field + " must be a UTC date-time with at most six"
          + " fractional digits");
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new FakeJson.BadRequest(field + " is not a date-time");
    }
  }

  private static void putInstant(ObjectNode node, String field, Instant value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value.toString());
    }
  }

  private static String random(int bytes) {
    byte[] data = new byte[bytes];
    RANDOM.nextBytes(data);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static String capitalise(String role) {
    return role.isEmpty() ? role
        : role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1).toLowerCase(Locale.ROOT);
  }

  private static MockResponse detail(int code, String detail) {
    return json(code, JSON.createObjectNode().put("detail", detail));
  }

  private static MockResponse empty(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  private static MockResponse unauthorized() {
    return detail(401, "Invalid token");
  }

  private static MockResponse notFound() {
    return detail(404, "Not found.");
  }

  private static MockResponse notAllowed() {
    return detail(405, "Method not allowed.");
  }

  /**
   * Injected failures, shared in shape with {@link FakeCircleCi}'s: each rule applies to the next
   * matching requests, in the order the rules were added.
   */
  static final class Faults {
    enum Kind { FAIL, AFTER_EFFECT, STALL }

    record Fault(Kind kind, int status, Duration delay) {}

    private static final class Rule {
      final String method;
      final Pattern path;
      final Kind kind;
      final int status;
      final Duration delay;
      int remaining;

      Rule(String method, Pattern path, Kind kind, int status, int times, Duration delay) {
        this.method = method;
        this.path = path;
        this.kind = kind;
        this.status = status;
        this.remaining = times;
        this.delay = delay;
      }
    }

    private final String body;
    private final List<Rule> rules = new ArrayList<>();

    Faults(String body) {
      this.body = body;
    }

    synchronized void add(
        String method, String pathRegex, Kind kind, int status, int times, Duration delay) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be at least 1");
      }
      rules.add(new Rule(method, Pattern.compile(pathRegex), kind, status, times, delay));
    }

    /** Takes one use of the first rule matching the request (any of its paths), else null. */
    synchronized Fault take(String method, String... paths) {
      for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
        Rule rule = it.next();
        if (!methodMatches(rule.method, method)) {
          continue;
        }
        for (String path : paths) {
          if (path != null && rule.path.matcher(path).matches()) {
            if (--rule.remaining <= 0) {
              it.remove();
            }
            return new Fault(rule.kind, rule.status, rule.delay);
          }
        }
      }
      return null;
    }

    /**
     * Answers a request the fault did not fail outright: routed under the lock, 400 for a bad
     * request, 500 when the fake itself fails, then the fault's delay or status applied.
     */
    MockResponse answer(Fault fault, Object lock, java.util.function.Supplier<MockResponse> route,
        java.util.function.BiFunction<Integer, String, MockResponse> error) {
      if (fault != null && fault.kind() == Kind.FAIL) {
        return injected(fault.status());
      }
      MockResponse answer;
      try {
        synchronized (lock) {
          answer = route.get();
        }
      } catch (FakeJson.BadRequest e) {
        answer = error.apply(400, e.getMessage());
      } catch (RuntimeException e) {
        answer = error.apply(500, "the fake failed: " + e);
      }
      return fault == null ? answer : apply(fault, answer);
    }

    static boolean methodMatches(String wanted, String actual) {
      return wanted == null || wanted.equals("*") || wanted.equalsIgnoreCase(actual);
    }

    MockResponse injected(int status) {
      MockResponse.Builder builder = new MockResponse.Builder().code(status)
          .addHeader("Content-Type", "application/json").body(body);
      if (status == 429) {
        builder.addHeader("Retry-After", "0");
      }
      return builder.build();
    }

    /** The answer as the fault changes it (after the effect took place). */
    MockResponse apply(Fault fault, MockResponse answer) {
      return switch (fault.kind()) {
        case FAIL, AFTER_EFFECT -> injected(fault.status());
        case STALL -> answer.newBuilder()
            .headersDelay(fault.delay().toMillis(), TimeUnit.MILLISECONDS).build();
      };
    }
  }
}

package org.webops.dockerhubbot.testing;

import static org.webops.dockerhubbot.testing.FakeJson.body;
import static org.webops.dockerhubbot.testing.FakeJson.json;
import static org.webops.dockerhubbot.testing.FakeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stateful fake CircleCI API v2 on loopback for the end-to-end tests: every project exists
 * unless named missing; keeps project environment variables and contexts with their variables;
 * records each request; failures can be injected per method and path. (The client's own tests
 * check its requests against the spec.)
 *
 * <p>Paths given to {@link #count}, {@link #failNext}, {@link #failNextAfterEffect} and {@link
 * #stallNext} may be the full encoded path ({@code /api/v2/project/gh%2Forg%2Frepo/envvar}) or the
 * path below {@code /api/v2}, encoded ({@code /project/gh%2Forg%2Frepo/envvar}) or, for the
 * regexes, decoded ({@code /project/gh/org/repo/envvar}).
 *
 * <p>Thread-safe: every request and every test control takes one lock.
 */
public final class FakeCircleCi implements AutoCloseable {
  private static final String BASE = "/api/v2";
  private static final String PROJECT = BASE + "/project/";
  /** The id {@code GET /me} answers: the token's user. */
  private static final String ME_ID = "5d1c3a8e-0000-4000-8000-00000000e0e0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A context as stored: {@code owner} is the owner slug (or id) it was created for. */
  public record ContextInfo(String id, String owner, String name, Instant createdAt) {}

  private record Variable(String value, Instant createdAt, Instant updatedAt) {}

  private final MockWebServer server = new MockWebServer();
  private final Set<String> missing = ConcurrentHashMap.newKeySet();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final FakeDockerHub.Faults faults =
      new FakeDockerHub.Faults("{\"message\":\"injected failure\"}");
  private final Object lock = new Object();
  private volatile int envVarPageSize = 20;
  private volatile int failWith;
  private volatile java.time.Duration delay = java.time.Duration.ZERO;
  private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();

  // Guarded by lock.
  private final Map<String, Map<String, String>> projectVariables = new LinkedHashMap<>();
  private final Map<String, ContextInfo> contexts = new LinkedHashMap<>();
  private final Map<String, Map<String, Variable>> contextVariables = new LinkedHashMap<>();

  public FakeCircleCi() throws IOException {
    FakeServers.start(server, request -> {
      requests.add(request);
      return answer(request);
    });
  }

  /** The {@code CIRCLECI_API_URL} to configure. */
  public String apiUrl() {
    return server.url(BASE).toString();
  }

  public void missing(String slug) {
    missing.add(slug);
  }

  /**
   * Someone revokes this personal token: every call with it answers 401 {@code {"message": "You
   * must log in first."}}, as CircleCI answers an unknown token.
   */
  public void revokeToken(String token) {
    revokedTokens.add(token);
  }

  /** Every answer from now on is this status (0: answer normally). */
  public void failWith(int status) {
    this.failWith = status;
  }

  /** Every answer from now on comes this late. */
  public void delay(java.time.Duration delay) {
    this.delay = delay;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  // ------------------------------------------------------------ test controls

  /** The project's variables, name to real (unmasked) value, in the order first set. */
  public Map<String, String> projectVariables(String slug) {
    synchronized (lock) {
      return Collections.unmodifiableMap(
          new LinkedHashMap<>(projectVariables.getOrDefault(slug, Map.of())));
    }
  }

  /** How many project variables one page of {@code GET /project/{slug}/envvar} holds. */
  public void envVarPageSize(int size) {
    this.envVarPageSize = size;
  }

  /** Sets a project variable directly, as if set earlier by someone else. */
  public void putProjectVariable(String slug, String name, String value) {
    synchronized (lock) {
      projectVariables.computeIfAbsent(slug, s -> new LinkedHashMap<>()).put(name, value);
    }
  }

  /** Someone deletes a project variable in CircleCI's web UI. */
  public void deleteProjectVariable(String slug, String name) {
    synchronized (lock) {
      if (projectVariables.getOrDefault(slug, new LinkedHashMap<>()).remove(name) == null) {
        throw new IllegalStateException("no variable " + name + " in " + slug);
      }
    }
  }

  /**
   * The variables (name to real value) of the context with this name (the first created, should
   * several owners have one); empty when there is no such context.
   */
  public Map<String, String> contextVariables(String contextName) {
    synchronized (lock) {
      Map<String, String> values = new LinkedHashMap<>();
      contexts.values().stream()
          .filter(c -> c.name().equals(contextName))
          .findFirst()
          .ifPresent(c -> contextVariables.get(c.id()).forEach((k, v) -> values.put(k, v.value())));
      return Collections.unmodifiableMap(values);
    }
  }

  public List<ContextInfo> contexts() {
    synchronized (lock) {
      return List.copyOf(contexts.values());
    }
  }

  /** Creates a context directly, as if created earlier; returns its id. */
  public String addContext(String ownerSlug, String name) {
    synchronized (lock) {
      return createContext(orgIdOf(ownerSlug), name).id();
    }
  }

  /**
   * An organisation's id, as {@code GET /project} answers it in {@code organization_id}: so that
   * contexts listed by {@code owner-slug} and by {@code owner-id} are the same organisation's.
   */
  public static String orgIdOf(String ownerSlug) {
    return projectId(ownerSlug + "/");
  }

  /**
   * How many requests had this method ({@code null} or {@code *}: any) and a path starting with
   * the prefix (full encoded path, or the encoded path below {@code /api/v2}).
   */
  public int count(String method, String pathPrefix) {
    return (int) requests.stream()
        .filter(r -> FakeDockerHub.Faults.methodMatches(method, r.getMethod()))
        .filter(r -> {
          String path = r.getUrl().encodedPath();
          String decoded = URLDecoder.decode(relative(path), StandardCharsets.UTF_8);
          return path.startsWith(pathPrefix) || relative(path).startsWith(pathPrefix)
              || decoded.startsWith(pathPrefix);
        })
        .count();
  }

  /**
   * The next {@code times} requests with this method ({@code null} or {@code *}: any) whose whole
   * path matches the regex answer {@code status} with {@code {"message":"injected failure"}} and
   * have no effect; 429 carries {@code Retry-After: 0}.
   */
  public void failNext(String method, String pathRegex, int status, int times) {
    faults.add(method, pathRegex, FakeDockerHub.Faults.Kind.FAIL, status, times, Duration.ZERO);
  }

  /** The next matching request takes effect, then answers {@code status} (a lost answer). */
  public void failNextAfterEffect(String method, String pathRegex, int status) {
    faults.add(method, pathRegex, FakeDockerHub.Faults.Kind.AFTER_EFFECT, status, 1,
        Duration.ZERO);
  }

  /**
   * The next matching request takes effect at once but its answer's headers come only after
   * {@code delay}, to make the client time out.
   */
  public void stallNext(String method, String pathRegex, Duration delay) {
    faults.add(method, pathRegex, FakeDockerHub.Faults.Kind.STALL, 0, 1, delay);
  }

  // ------------------------------------------------------------ dispatch

  private MockResponse answer(RecordedRequest request) {
    MockResponse answer = answerNow(request);
    return delay.isZero() ? answer : answer.newBuilder()
        .headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build();
  }

  private MockResponse answerNow(RecordedRequest request) {
    if (failWith != 0) {
      return json(failWith, "{\"message\":\"unavailable\"}");
    }
    String token = request.getHeaders().get("Circle-Token");
    if (token == null || revokedTokens.contains(token)) {
      return message(401, "You must log in first.");
    }
    String path = request.getUrl().encodedPath();
    List<String> segments = request.getUrl().pathSegments();
    String decoded = segments.size() < 2 ? path
        : "/" + String.join("/", segments.subList(2, segments.size()));
    FakeDockerHub.Faults.Fault fault =
        faults.take(request.getMethod(), path, relative(path), decoded);
    return faults.answer(fault, lock, () -> route(request), FakeCircleCi::message);
  }

  private static String relative(String encodedPath) {
    return encodedPath.startsWith(BASE + "/") ? encodedPath.substring(BASE.length()) : encodedPath;
  }

  private MockResponse route(RecordedRequest request) {
    String method = request.getMethod();
    List<String> all = request.getUrl().pathSegments();
    if (all.size() < 3 || !all.get(0).equals("api") || !all.get(1).equals("v2")) {
      return notFound();
    }
    List<String> s = all.subList(2, all.size());
    if (s.size() == 1 && s.get(0).equals("me")) {
      return method.equals("GET") ? json(200, "{\"id\":\"" + ME_ID + "\",\"login\":\"webops-bot\","
          + "\"name\":\"Webops Bot\"}") : notAllowed();
    }
    if (s.get(0).equals("project") && s.size() >= 2) {
      return projectRoute(request, method, s.subList(1, s.size()));
    }
    if (s.get(0).equals("context")) {
      return contextRoute(request, method, s.subList(1, s.size()));
    }
    return notFound();
  }

  // ------------------------------------------------------------ projects

  private MockResponse projectRoute(RecordedRequest request, String method, List<String> rest) {
    // The slug arrives escaped in one segment (gh%2Forg%2Frepo) or, unescaped, as three.
    String slug;
    List<String> tail;
    if (rest.get(0).contains("/")) {
      slug = rest.get(0);
      tail = rest.subList(1, rest.size());
    } else if (rest.size() >= 3) {
      slug = String.join("/", rest.subList(0, 3));
      tail = rest.subList(3, rest.size());
    } else {
      return notFound();
    }
    if (missing.contains(slug)) {
      return message(404, "Project not found");
    }
    if (tail.isEmpty() || tail.size() == 1 && tail.get(0).isEmpty()) {
      return method.equals("GET") ? project(slug) : notAllowed();
    }
    if (!tail.get(0).equals("envvar") || tail.size() > 2) {
      return notFound();
    }
    Map<String, String> variables = projectVariables.getOrDefault(slug, Map.of());
    if (tail.size() == 1) {
      return switch (method) {
        case "GET" -> {
          // Paged as CircleCI pages it (its terraform provider follows next_page_token).
          List<String> names = new ArrayList<>(variables.keySet());
          String token = request.getUrl().queryParameter("page-token");
          int from = token == null ? 0 : Integer.parseInt(new String(
              Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
          int to = Math.min(names.size(), from + envVarPageSize);
          ObjectNode answer = JSON.createObjectNode();
          ArrayNode items = answer.putArray("items");
          names.subList(from, to).forEach(name -> items.add(envVar(name, variables.get(name))));
          if (to < names.size()) {
            answer.put("next_page_token", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
          } else {
            answer.putNull("next_page_token");
          }
          yield json(200, answer);
        }
        case "POST" -> {
          JsonNode body = body(request);
          String name = text(body, "name");
          String value = text(body, "value");
          if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
            throw new FakeJson.BadRequest("Invalid environment variable name.");
          }
          if (value == null) {
            throw new FakeJson.BadRequest("Environment variable value is required.");
          }
          projectVariables.computeIfAbsent(slug, k -> new LinkedHashMap<>()).put(name, value);
          yield json(201, envVar(name, value));
        }
        default -> notAllowed();
      };
    }
    String name = tail.get(1);
    return switch (method) {
      case "GET" -> variables.containsKey(name)
          ? json(200, envVar(name, variables.get(name)))
          : message(404, "Environment variable not found.");
      case "DELETE" -> {
        if (!variables.containsKey(name)) {
          yield message(404, "Environment variable not found.");
        }
        projectVariables.get(slug).remove(name);
        yield message(200, "Environment variable deleted.");
      }
      default -> notAllowed();
    };
  }

  /**
   * As CircleCI answers: every project and organisation has its own id, the same whichever slug
   * form names it ({@code gh} or {@code github}, any letter case for GitHub and Bitbucket).
   */
  private static MockResponse project(String slug) {
    String[] parts = slug.split("/");
    return json(200, "{\"slug\":\"" + slug + "\",\"name\":\"" + parts[parts.length - 1]
        + "\",\"id\":\"" + projectId(slug) + "\",\"organization_name\":\"" + parts[1]
        + "\",\"organization_slug\":\"" + parts[0] + "/" + parts[1]
        + "\",\"organization_id\":\"" + orgIdOf(parts[0] + "/" + parts[1])
        + "\",\"vcs_info\":"
        + "{\"vcs_url\":\"https://github.com/" + parts[1] + "/" + parts[parts.length - 1]
        + "\",\"provider\":\"GitHub\",\"default_branch\":\"main\"}}");
  }

  /** The id CircleCI gives the project (or, for "vcs/org/", the organisation) of a slug. */
  public static String projectId(String slug) {
    String key = slug.replaceFirst("^gh/", "github/").replaceFirst("^bb/", "bitbucket/");
    if (!key.startsWith("circleci/")) {
      key = key.toLowerCase(java.util.Locale.ROOT);
    }
    return java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  private static ObjectNode envVar(String name, String value) {
    String last4 = value.length() > 4 ? value.substring(value.length() - 4) : value;
    return JSON.createObjectNode().put("name", name).put("value", "xxxx" + last4);
  }

  // ------------------------------------------------------------ contexts

  private MockResponse contextRoute(RecordedRequest request, String method, List<String> rest) {
    if (rest.isEmpty()) {
      return switch (method) {
        case "GET" -> listContexts(request);
        case "POST" -> {
          JsonNode body = body(request);
          String name = text(body, "name");
          JsonNode owner = body.get("owner");
          String ownerKey = owner == null ? null
              : text(owner, "slug") != null ? orgIdOf(text(owner, "slug")) : text(owner, "id");
          if (name == null || name.isBlank()) {
            throw new FakeJson.BadRequest("name is required");
          }
          if (ownerKey == null) {
            throw new FakeJson.BadRequest("owner is required");
          }
          if (contexts.values().stream()
              .anyMatch(c -> c.owner().equals(ownerKey) && c.name().equals(name))) {
            yield message(400, "A context already exists with this name");
          }
          yield json(200, contextJson(createContext(ownerKey, name)));
        }
        default -> notAllowed();
      };
    }
    ContextInfo context = contexts.get(rest.get(0));
    if (context == null) {
      return message(404, "Context not found");
    }
    if (rest.size() == 1) {
      return switch (method) {
        case "GET" -> json(200, contextJson(context));
        case "DELETE" -> {
          contexts.remove(context.id());
          contextVariables.remove(context.id());
          yield message(200, "Context deleted.");
        }
        default -> notAllowed();
      };
    }
    if (!rest.get(1).equals("environment-variable") || rest.size() > 3) {
      return notFound();
    }
    Map<String, Variable> variables = contextVariables.get(context.id());
    if (rest.size() == 2) {
      if (!method.equals("GET")) {
        return notAllowed();
      }
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode items = answer.putArray("items");
      variables.forEach((name, v) -> items.add(contextVariableJson(context.id(), name, v)));
      answer.putNull("next_page_token");
      return json(200, answer);
    }
    String name = rest.get(2);
    return switch (method) {
      case "PUT" -> {
        if (!VARIABLE_NAME.matcher(name).matches()) {
          throw new FakeJson.BadRequest("Invalid environment variable name.");
        }
        String value = text(body(request), "value");
        if (value == null) {
          throw new FakeJson.BadRequest("value is required");
        }
        Instant now = Instant.now();
        Variable old = variables.get(name);
        Variable variable = new Variable(value, old == null ? now : old.createdAt(), now);
        variables.put(name, variable);
        yield json(200, contextVariableJson(context.id(), name, variable));
      }
      case "DELETE" -> {
        if (variables.remove(name) == null) {
          yield message(404, "Environment variable not found.");
        }
        yield message(200, "Environment variable deleted.");
      }
      default -> notAllowed();
    };
  }

  private MockResponse listContexts(RecordedRequest request) {
    String owner = request.getUrl().queryParameter("owner-slug");
    owner = owner != null ? orgIdOf(owner) : request.getUrl().queryParameter("owner-id");
    if (owner == null) {
      throw new FakeJson.BadRequest("Must provide either owner-id or owner-slug");
    }
    String wanted = owner;
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("items");
    contexts.values().stream()
        .filter(c -> c.owner().equals(wanted))
        .forEach(c -> items.add(contextJson(c)));
    answer.putNull("next_page_token");
    return json(200, answer);
  }

  private ContextInfo createContext(String owner, String name) {
    ContextInfo context = new ContextInfo(UUID.randomUUID().toString(), owner, name, Instant.now());
    contexts.put(context.id(), context);
    contextVariables.put(context.id(), new LinkedHashMap<>());
    return context;
  }

  private static ObjectNode contextJson(ContextInfo c) {
    return JSON.createObjectNode()
        .put("id", c.id())
        .put("name", c.name())
        .put("created_at", c.createdAt().toString());
  }

  private static ObjectNode contextVariableJson(String contextId, String name, Variable v) {
    return JSON.createObjectNode()
        .put("variable", name)
        .put("context_id", contextId)
        .put("created_at", v.createdAt().toString())
        .put("updated_at", v.updatedAt().toString());
  }

  // ------------------------------------------------------------ helpers

  private static MockResponse message(int code, String message) {
    return json(code, JSON.createObjectNode().put("message", message));
  }

  private static MockResponse notFound() {
    return message(404, "Not found");
  }

  private static MockResponse notAllowed() {
    return message(405, "Method not allowed");
  }

  @Override
  public void close() {
    server.close();
  }
}

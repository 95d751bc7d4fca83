package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.webops.dockerhubbot.http.ApiResponse;
import org.webops.dockerhubbot.http.ApiTransport;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.http.Fence;
import org.webops.dockerhubbot.http.HostScopedHeaderInterceptor;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.NotFoundException;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.http.Urls;

/**
 * Client for the CircleCI API v2 ({@code specs/circleci-api-v2.json}): projects, project
 * environment variables and contexts. Sends {@code Circle-Token} (only to the configured host) and
 * {@code Accept: application/json}. In dry-run, writes are described and not sent.
 *
 * <p>The project slug is one path parameter in the spec; it is sent escaped ({@code
 * gh%2Forg%2Frepo}), as CircleCI's own CLI does.
 */
public final class CircleCiClient {

  public static final String DEFAULT_BASE_URL = "https://circleci.com/api/v2";
  static final String API = "CircleCI";

  static final String PROJECT = "/project/{project-slug}";
  static final String PROJECT_ENVVARS = "/project/{project-slug}/envvar";
  static final String PROJECT_ENVVAR = "/project/{project-slug}/envvar/{name}";
  static final String CONTEXTS = "/context";
  static final String CONTEXT_VARIABLES = "/context/{context-id}/environment-variable";
  static final String CONTEXT_VARIABLE =
      "/context/{context-id}/environment-variable/{env-var-name}";

  static final int MAX_PAGES = 500;

  private final HttpUrl baseUrl;
  private final boolean dryRun;
  private final ApiTransport transport;

  /** A client with the default retry policy, real sleeping and the system clock. */
  public CircleCiClient(String baseUrl, OkHttpClient http, CircleCiToken token, boolean dryRun) {
    this(
        HttpUrl.get(baseUrl),
        http,
        token,
        dryRun,
        RetryPolicy.defaults(),
        Sleeper.REAL,
        Clock.systemUTC());
  }

  public CircleCiClient(
      HttpUrl baseUrl,
      OkHttpClient http,
      CircleCiToken token,
      boolean dryRun,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock) {
    this(baseUrl, dryRun, new ApiTransport(API, http.newBuilder()
        .addNetworkInterceptor(
            new HostScopedHeaderInterceptor(baseUrl, "Circle-Token", r -> token.value()))
        .build(), retryPolicy, sleeper, clock, List.of(token.value())));
  }

  private CircleCiClient(HttpUrl baseUrl, boolean dryRun, ApiTransport transport) {
    this.baseUrl = Objects.requireNonNull(baseUrl);
    this.dryRun = dryRun;
    this.transport = transport;
  }

  /** The same client, asking {@code fence} before every call (a run that may lose its lease). */
  public CircleCiClient fenced(Fence fence) {
    return new CircleCiClient(baseUrl, dryRun, transport.fenced(fence));
  }

  public boolean dryRun() {
    return dryRun;
  }

  // ---------------------------------------------------------------- projects

  /**
   * {@code GET /project/{project-slug}}.
   *
   * @throws NotFoundException when the project does not exist or the token cannot see it
   */
  public Project getProject(ProjectSlug slug) {
    Request request = get(Urls.expand(baseUrl, PROJECT, slug.value()));
    return transport.read(request, transport.execute(request), Project.class);
  }

  /** The project, or empty when CircleCI answers 404 (unknown, or no access with this token). */
  public Optional<Project> findProject(ProjectSlug slug) {
    try {
      return Optional.of(getProject(slug));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code POST /project/{project-slug}/envvar}: creates or overwrites a project variable. A POST,
   * so not retried automatically; repeating it is harmless (it overwrites).
   */
  public ProjectEnvVar setProjectEnvVar(ProjectSlug slug, String name, String value) {
    Request request =
        new Request.Builder()
            .url(Urls.expand(baseUrl, PROJECT_ENVVARS, slug.value()))
            .header("Accept", "application/json")
            .post(Json.body(new EnvVarBody(name, value)))
            .build();
    if (dryRun) {
      transport.describe(request, "set project variable " + name + " on " + slug);
      return new ProjectEnvVar(name, "xxxx");
    }
    return transport.read(request, transport.execute(request, value), ProjectEnvVar.class);
  }

  /**
   * {@code GET /project/{project-slug}/envvar}: the project's variables, values masked, every page.
   * The spec declares no page token for this call, but CircleCI pages it (its terraform provider
   * follows {@code next_page_token} with {@code page-token}): a variable on a later page must not
   * look absent.
   */
  public List<ProjectEnvVar> listProjectEnvVars(ProjectSlug slug) {
    return pages(Urls.expand(baseUrl, PROJECT_ENVVARS, slug.value()), ProjectEnvVar.class);
  }

  /** {@code DELETE /project/{project-slug}/envvar/{name}}. */
  public void deleteProjectEnvVar(ProjectSlug slug, String name) {
    Request request =
        new Request.Builder()
            .url(Urls.expand(baseUrl, PROJECT_ENVVAR, slug.value(), name))
            .header("Accept", "application/json")
            .delete()
            .build();
    if (dryRun) {
      transport.describe(request, "delete project variable " + name + " on " + slug);
      return;
    }
    transport.execute(request);
  }

  // ---------------------------------------------------------------- contexts

  /** {@code GET /context} for an owner, following {@code next_page_token} through all pages. */
  public List<Context> listContexts(ContextOwner owner) {
    HttpUrl.Builder url = Urls.expand(baseUrl, CONTEXTS).newBuilder();
    if (owner instanceof ContextOwner.Slug slug) {
      url.addQueryParameter("owner-slug", slug.slug());
    } else if (owner instanceof ContextOwner.Id id) {
      url.addQueryParameter("owner-id", id.id());
      if (id.type() != null) {
        url.addQueryParameter("owner-type", id.type());
      }
    }
    return pages(url.build(), Context.class);
  }

  /** The owner's context with exactly this name (CircleCI has no lookup by name). */
  public Optional<Context> findContext(ContextOwner owner, String name) {
    return listContexts(owner).stream().filter(c -> name.equals(c.name())).findFirst();
  }

  /** {@code POST /context}. Not retried; see {@link #ensureContext}. */
  public Context createContext(ContextOwner owner, String name) {
    Object ownerBody =
        owner instanceof ContextOwner.Slug slug
            ? new OwnerBySlug(slug.slug(), "organization")
            : new OwnerById(((ContextOwner.Id) owner).id(), ((ContextOwner.Id) owner).type());
    Request request =
        new Request.Builder()
            .url(Urls.expand(baseUrl, CONTEXTS))
            .header("Accept", "application/json")
            .post(Json.body(new CreateContextBody(name, ownerBody)))
            .build();
    if (dryRun) {
      transport.describe(request, "create context " + name);
      return new Context("dry-run", name, null);
    }
    return transport.read(request, transport.execute(request), Context.class);
  }

  /** The owner's context with this name, created when missing. */
  public Ensured<Context> ensureContext(ContextOwner owner, String name) {
    Optional<Context> existing = findContext(owner, name);
    if (existing.isPresent()) {
      return new Ensured.Existing<>(existing.get());
    }
    return new Ensured.Created<>(createContext(owner, name));
  }

  /**
   * {@code PUT /context/{context-id}/environment-variable/{env-var-name}}: adds or updates a
   * variable (idempotent, so retried on 429/5xx).
   */
  public void putContextVariable(String contextId, String name, String value) {
    Request request =
        new Request.Builder()
            .url(Urls.expand(baseUrl, CONTEXT_VARIABLE, contextId, name))
            .header("Accept", "application/json")
            .put(Json.body(new ContextValueBody(value)))
            .build();
    if (dryRun) {
      transport.describe(request, "set context variable " + name + " in context " + contextId);
      return;
    }
    transport.execute(request, value);
  }

  /** {@code GET /context/{context-id}/environment-variable}, all pages (names only). */
  public List<ContextVariable> listContextVariables(String contextId) {
    return pages(Urls.expand(baseUrl, CONTEXT_VARIABLES, contextId), ContextVariable.class);
  }

  /** {@code DELETE /context/{context-id}/environment-variable/{env-var-name}}. */
  public void deleteContextVariable(String contextId, String name) {
    Request request =
        new Request.Builder()
            .url(Urls.expand(baseUrl, CONTEXT_VARIABLE, contextId, name))
            .header("Accept", "application/json")
            .delete()
            .build();
    if (dryRun) {
      transport.describe(
          request, "delete context variable " + name + " from context " + contextId);
      return;
    }
    transport.execute(request);
  }

  // ---------------------------------------------------------------- plumbing

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).header("Accept", "application/json").get().build();
  }

  private <T> List<T> pages(HttpUrl firstPage, Class<T> type) {
    List<T> all = new ArrayList<>();
    JavaType itemType = Json.MAPPER.constructType(type);
    String pageToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpUrl url =
          pageToken == null
              ? firstPage
              : firstPage.newBuilder().addQueryParameter("page-token", pageToken).build();
      Request request = get(url);
      ApiResponse response = transport.execute(request);
      JsonNode tree = transport.tree(request, response);
      for (JsonNode item : tree.path("items")) {
        all.add(transport.convert(request, response, item, itemType));
      }
      JsonNode next = tree.path("next_page_token");
      if (!next.isTextual() || next.asText().isEmpty()) {
        return all;
      }
      pageToken = next.asText();
    }
    return all;
  }

  private static JavaType listOf(Class<?> type) {
    return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
  }

  private record EnvVarBody(@JsonProperty("name") String name, @JsonProperty("value") String value) {
    @Override
    public String toString() {
      return "EnvVarBody[name=" + name + ", value=***]";
    }
  }

  private record ContextValueBody(@JsonProperty("value") String value) {
    @Override
    public String toString() {
      return "ContextValueBody[value=***]";
    }
  }

  private record CreateContextBody(
      @JsonProperty("name") String name, @JsonProperty("owner") Object owner) {}

  private record OwnerBySlug(@JsonProperty("slug") String slug, @JsonProperty("type") String type) {}

  private record OwnerById(@JsonProperty("id") String id, @JsonProperty("type") String type) {}
}

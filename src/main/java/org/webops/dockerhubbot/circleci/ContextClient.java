package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.webops.dockerhubbot.http.Ensured;
import org.webops.dockerhubbot.http.Json;

/** CircleCI contexts and their environment variables. */
public final class ContextClient {

  static final String CONTEXTS = "/context";
  static final String CONTEXT_VARIABLES = "/context/{context-id}/environment-variable";
  static final String CONTEXT_VARIABLE =
      "/context/{context-id}/environment-variable/{env-var-name}";

  private final CircleCiCalls calls;

  ContextClient(CircleCiCalls calls) {
    this.calls = calls;
  }

  /** {@code GET /context} for an owner, following {@code next_page_token} through all pages. */
  public List<Context> list(ContextOwner owner) {
    HttpUrl.Builder url = calls.url(CONTEXTS).newBuilder();
    if (owner instanceof ContextOwner.Slug slug) {
      url.addQueryParameter("owner-slug", slug.slug());
    } else if (owner instanceof ContextOwner.Id id) {
      url.addQueryParameter("owner-id", id.id());
      if (id.type() != null) {
        url.addQueryParameter("owner-type", id.type());
      }
    }
    return calls.pages(calls.request(CONTEXTS).url(url.build()), Context.class);
  }

  /** The owner's context with exactly this name (CircleCI has no lookup by name). */
  public Optional<Context> find(ContextOwner owner, String name) {
    return list(owner).stream().filter(c -> name.equals(c.name())).findFirst();
  }

  /** {@code POST /context}. Not retried; see {@link #ensure}. */
  public Context create(ContextOwner owner, String name) {
    Object ownerBody =
        owner instanceof ContextOwner.Slug slug
            ? new OwnerBySlug(slug.slug(), "organization")
            : new OwnerById(((ContextOwner.Id) owner).id(), ((ContextOwner.Id) owner).type());
    Request request = calls.request(CONTEXTS)
        .post(Json.body(new CreateContextBody(name, ownerBody)))
        .build();
    return calls.write(request, "create context " + name)
        .map(response -> calls.transport().read(request, response, Context.class))
        .orElseGet(() -> new Context("dry-run", name, null));
  }

  /** The owner's context with this name, created when missing. */
  public Ensured<Context> ensure(ContextOwner owner, String name) {
    Optional<Context> existing = find(owner, name);
    if (existing.isPresent()) {
      return new Ensured.Existing<>(existing.get());
    }
    return new Ensured.Created<>(create(owner, name));
  }

  /**
   * {@code PUT /context/{context-id}/environment-variable/{env-var-name}}: adds or updates a
   * variable (idempotent, so retried on 429/5xx).
   */
  public void putVariable(String contextId, String name, String value) {
    calls.write(calls.request(CONTEXT_VARIABLE, contextId, name)
            .put(Json.body(new ContextValueBody(value)))
            .build(),
        "set context variable " + name + " in context " + contextId, value);
  }

  /** {@code GET /context/{context-id}/environment-variable}, all pages (names only). */
  public List<ContextVariable> listVariables(String contextId) {
    return calls.pages(calls.request(CONTEXT_VARIABLES, contextId), ContextVariable.class);
  }

  /** {@code DELETE /context/{context-id}/environment-variable/{env-var-name}}. */
  public void deleteVariable(String contextId, String name) {
    calls.write(calls.request(CONTEXT_VARIABLE, contextId, name).delete().build(),
        "delete context variable " + name + " from context " + contextId);
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

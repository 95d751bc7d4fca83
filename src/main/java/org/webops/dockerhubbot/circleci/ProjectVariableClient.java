package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import okhttp3.Request;
import org.webops.dockerhubbot.http.Json;

/** A project's environment variables; CircleCI never answers their values, only masked. */
public final class ProjectVariableClient {

  static final String PROJECT_ENVVARS = "/project/{project-slug}/envvar";
  static final String PROJECT_ENVVAR = "/project/{project-slug}/envvar/{name}";

  private final CircleCiCalls calls;

  ProjectVariableClient(CircleCiCalls calls) {
    this.calls = calls;
  }

  /**
   * {@code POST /project/{project-slug}/envvar}: creates or overwrites a project variable. A POST,
   * so not retried automatically; repeating it is harmless (it overwrites).
   */
  public ProjectEnvVar set(ProjectSlug slug, String name, String value) {
    Request request = calls.request(PROJECT_ENVVARS, slug.value())
        .post(Json.body(new EnvVarBody(name, value)))
        .build();
    return calls.write(request, "set project variable " + name + " on " + slug, value)
        .map(response -> calls.transport().read(request, response, ProjectEnvVar.class))
        .orElseGet(() -> new ProjectEnvVar(name, "xxxx"));
  }

  /**
   * {@code GET /project/{project-slug}/envvar}: the project's variables, values masked, every page.
   * The spec declares no page token for this call, but CircleCI pages it (its terraform provider
   * follows {@code next_page_token} with {@code page-token}): a variable on a later page must not
   * look absent.
   */
  public List<ProjectEnvVar> list(ProjectSlug slug) {
    return calls.pages(calls.request(PROJECT_ENVVARS, slug.value()), ProjectEnvVar.class);
  }

  /** {@code DELETE /project/{project-slug}/envvar/{name}}. */
  public void delete(ProjectSlug slug, String name) {
    calls.write(calls.request(PROJECT_ENVVAR, slug.value(), name).delete().build(),
        "delete project variable " + name + " on " + slug);
  }

  private record EnvVarBody(@JsonProperty("name") String name, @JsonProperty("value") String value) {
    @Override
    public String toString() {
      return "EnvVarBody[name=" + name + ", value=***]";
    }
  }
}

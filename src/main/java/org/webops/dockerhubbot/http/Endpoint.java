package org.webops.dockerhubbot.http;

import java.util.Objects;
import okhttp3.Request;

/**
 * The path template a request was built from ({@code /v2/orgs/{name}/access-tokens}), carried as
 * the request's tag so that what counts calls names the endpoint, never the path with its ids.
 */
public record Endpoint(String template) {
  /** For a request that was built without a template: counted under this name. */
  public static final Endpoint UNNAMED = new Endpoint("unnamed");

  public Endpoint {
    Objects.requireNonNull(template, "template");
  }

  /** The endpoint the request was built for, or {@link #UNNAMED}. */
  public static Endpoint of(Request request) {
    Endpoint endpoint = request.tag(Endpoint.class);
    return endpoint == null ? UNNAMED : endpoint;
  }
}

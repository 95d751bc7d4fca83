package org.webops.dockerhubbot.http;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds one header (typically a credential) only to requests for one scheme, host and port. Install
 * it as a <em>network</em> interceptor so that it also runs for redirects and never sends the
 * credential to a host it was not meant for. The header value comes from a function of the request
 * (null: add nothing), so that a client can carry a per-request token as a request tag.
 */
public final class HostScopedHeaderInterceptor implements Interceptor {

  private final HttpUrl scope;
  private final String headerName;
  private final Function<Request, String> value;

  public HostScopedHeaderInterceptor(
      HttpUrl scope, String headerName, Function<Request, String> value) {
    this.scope = Objects.requireNonNull(scope);
    this.headerName = Objects.requireNonNull(headerName);
    this.value = Objects.requireNonNull(value);
  }

  public boolean inScope(HttpUrl url) {
    return url.scheme().equals(scope.scheme())
        && url.host().equalsIgnoreCase(scope.host())
        && url.port() == scope.port();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!inScope(request.url())) {
      return chain.proceed(request.newBuilder().removeHeader(headerName).build());
    }
    String headerValue = value.apply(request);
    if (headerValue == null) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder().header(headerName, headerValue).build());
  }
}

package org.webops.dockerhubbot.http;

/**
 * A write answered with a redirect. It is never followed: an HTTP client would replay a
 * redirected POST as a GET, which "succeeds" without writing anything.
 */
public final class RedirectedException extends ApiException {

  public RedirectedException(String api, String method, String path, int status, String location) {
    super(api, method, path, status, "redirected to " + (location == null ? "(no location)"
        : Urls.withoutQuery(location)) + "; writes are not followed, so nothing was written",
        null);
  }
}

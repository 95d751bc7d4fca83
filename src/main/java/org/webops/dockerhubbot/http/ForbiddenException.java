package org.webops.dockerhubbot.http;

import java.util.Locale;

/** 403 Forbidden. */
public final class ForbiddenException extends ApiException {

  public ForbiddenException(String api, String method, String path, int status, String apiMessage) {
    super(api, method, path, status, apiMessage, null);
  }

  /**
   * True when Docker Hub refused the call because the login was made with a personal access token
   * ("token issued from personal access token is not allowed"): organisation management and
   * {@code /v2/access-tokens} need a password login or an organisation access token.
   */
  public boolean personalAccessTokenRefused() {
    String message = apiMessage();
    return message != null
        && message.toLowerCase(Locale.ROOT).contains("personal access token is not allowed");
  }
}

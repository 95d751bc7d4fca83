package org.webops.dockerhubbot.dockerhub;

import org.webops.dockerhubbot.http.ApiException;

/**
 * {@code POST /v2/users/login} answered 401 with a {@code login_2fa_token}: the account has
 * two-factor authentication, which a bot cannot complete. The second-factor token is not kept.
 */
public final class TwoFactorRequiredException extends ApiException {

  public TwoFactorRequiredException(String api, String method, String path, int status) {
    super(
        api,
        method,
        path,
        status,
        "the account has two-factor authentication enabled; the bot cannot log in with it",
        null);
  }
}

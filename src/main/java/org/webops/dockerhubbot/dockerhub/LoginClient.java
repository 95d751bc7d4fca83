package org.webops.dockerhubbot.dockerhub;

import org.webops.dockerhubbot.http.UnauthorizedException;

/**
 * Docker Hub logins. The other area clients log in by themselves when they need to; these calls
 * check a credential or exchange one for a login token. Never retried.
 */
public final class LoginClient {

  private final DockerHubSession session;

  LoginClient(DockerHubSession session) {
    this.session = session;
  }

  /**
   * Logs in afresh (ignoring the cache) and caches the new token. Use it to check a credential,
   * e.g. that a service user's sign-up is complete.
   *
   * @throws TwoFactorRequiredException when the account has two-factor authentication
   * @throws UnauthorizedException when the credential is refused
   */
  public void verify() {
    session.verifyLogin();
  }

  /**
   * {@code POST /v2/users/login}: a user's Docker ID and password to a login token. Deprecated by
   * Docker but the only login that reports two-factor auth (401 with {@code login_2fa_token}).
   */
  public LoginToken usersLogin(DockerHubCredential.Password password) {
    return session.usersLogin(password);
  }

  /**
   * {@code POST /v2/auth/token}: identifier and secret (password, personal or organisation access
   * token) to a short-lived access token.
   */
  public LoginToken authToken(DockerHubCredential identity) {
    return session.authToken(identity);
  }
}

package org.webops.dockerhubbot.circleci;

import org.webops.dockerhubbot.http.UnauthorizedException;

/** The token's own user. */
public final class UserClient {

  static final String ME = "/me";

  private final CircleCiCalls calls;

  UserClient(CircleCiCalls calls) {
    this.calls = calls;
  }

  /**
   * {@code GET /me}: the cheapest call that tells whether CircleCI accepts the token.
   *
   * @throws UnauthorizedException when CircleCI refuses the token ("You must log in first.")
   */
  public CurrentUser me() {
    return calls.read(calls.request(ME), CurrentUser.class);
  }
}

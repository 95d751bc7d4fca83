package org.webops.dockerhubbot.health;

import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.UnexpectedResponseException;

/**
 * {@code CIRCLECI_TOKEN}, by {@code GET /me}: the cheapest call a personal token may make. CircleCI
 * answers 401 ("You must log in first.") to a revoked or unknown token.
 */
public final class CircleCiTokenCheck implements CredentialCheck {
  static final String SERVICE = "CircleCI";

  private final CircleCiClient circleci;

  public CircleCiTokenCheck(CircleCiClient circleci) {
    this.circleci = circleci;
  }

  @Override
  public Credential credential() {
    return Credential.CIRCLECI_TOKEN;
  }

  @Override
  public Verdict check() {
    try {
      circleci.users().me();
      return new Verdict.Ok();
    } catch (UnexpectedResponseException e) {
      return Unreachable.unexpected(SERVICE, e);
    } catch (ApiException e) {
      if (e.status() == 401 || e.status() == 403) {
        return new Verdict.Failing("CircleCI refused CIRCLECI_TOKEN (revoked?)");
      }
      return Unreachable.refusal(e) ? new Verdict.Failing("CircleCI refused CIRCLECI_TOKEN"
          + " (answered " + e.status() + ")") : Unreachable.of(SERVICE, e);
    } catch (RuntimeException e) {
      return Unreachable.unexpected(SERVICE, e);
    }
  }
}

package org.webops.dockerhubbot.health;

import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.RateLimitedException;

/** The words for a service that did not answer a check, from the client's exception. */
final class Unreachable {
  private Unreachable() {}

  /** "could not reach Docker Hub (answered 503)", "(timeout)", "(rate limited)"… */
  static Verdict.Unreachable of(String service, ApiException e) {
    String why;
    if (e instanceof RateLimitedException) {
      why = "rate limited";
    } else if (e.status() > 0) {
      why = "answered " + e.status();
    } else {
      why = e.apiMessage() == null || e.apiMessage().isBlank() ? "no answer" : e.apiMessage();
    }
    return new Verdict.Unreachable("could not reach " + service + " (" + why + ")");
  }

  /**
   * A 4xx other than a rate limit: the service answered and refused. Anything else (no answer,
   * 5xx, 429, a redirect) says nothing about the credential.
   */
  static boolean refusal(ApiException e) {
    return e.status() >= 400 && e.status() < 500 && !(e instanceof RateLimitedException);
  }

  /** An answer the client could not read, or any other surprise: no verdict on the credential. */
  static Verdict.Unreachable unexpected(String service, RuntimeException e) {
    return new Verdict.Unreachable("could not check with " + service + " ("
        + e.getClass().getSimpleName() + ")");
  }
}

package org.webops.dockerhubbot.health;

/** One credential and the one cheap call that tells whether its service still accepts it. */
public interface CredentialCheck {

  Credential credential();

  /** Asks the service once. Never throws: an unexpected failure is {@link Verdict.Unreachable}. */
  Verdict check();
}

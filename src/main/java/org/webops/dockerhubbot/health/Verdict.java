package org.webops.dockerhubbot.health;

/**
 * What one check of a credential found. Reasons are words for people, never a credential's value.
 */
public sealed interface Verdict {

  /** The service accepted the credential. */
  record Ok() implements Verdict {}

  /** The service refused the credential: someone has to act. */
  record Failing(String reason) implements Verdict {}

  /**
   * The service did not answer (no connection, time-out, 5xx, rate limit, an answer that makes no
   * sense): it says nothing about the credential, so nothing is posted and the last verdict
   * stands; it is asked again sooner.
   */
  record Unreachable(String reason) implements Verdict {}
}

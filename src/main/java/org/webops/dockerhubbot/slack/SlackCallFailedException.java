package org.webops.dockerhubbot.slack;

import java.util.Optional;

/**
 * A Slack Web API call failed: Slack answered {@code ok: false}, or could not be reached. Carries
 * the method and Slack's error code, never message text.
 */
public final class SlackCallFailedException extends RuntimeException {
  private final String error;

  public SlackCallFailedException(String method, String error) {
    super(method + " failed: " + error);
    this.error = error;
  }

  public SlackCallFailedException(String method, Exception cause) {
    super(method + " failed: " + cause.getClass().getSimpleName(), cause);
    this.error = null;
  }

  /** Slack's error code, when Slack answered. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }
}

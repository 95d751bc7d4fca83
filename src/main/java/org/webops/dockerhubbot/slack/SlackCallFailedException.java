package org.webops.dockerhubbot.slack;

/** A Slack Web API method answered {@code ok: false}; carries the method and Slack's error code. */
public final class SlackCallFailedException extends RuntimeException {
  public SlackCallFailedException(String method, String error) {
    super(method + " failed: " + error);
  }

  public SlackCallFailedException(String method, Exception cause) {
    super(method + " failed: " + cause.getClass().getSimpleName(), cause);
  }
}

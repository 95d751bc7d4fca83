package org.webops.dockerhubbot.secretlinks;

/** A Slack Web API call failed; carries the method and Slack's error code, never message text. */
public final class SlackCallException extends RuntimeException {
  public SlackCallException(String method, String error, Throwable cause) {
    super("Slack " + method + " failed: " + error, cause);
  }
}

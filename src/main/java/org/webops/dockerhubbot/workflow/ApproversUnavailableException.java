package org.webops.dockerhubbot.workflow;

/**
 * Nobody can be confirmed as an approver now (for example, Slack has not yet confirmed that the
 * approval channel is private). The message is for the person who clicked.
 */
public final class ApproversUnavailableException extends RuntimeException {
  public ApproversUnavailableException(String message) {
    super(message);
  }
}

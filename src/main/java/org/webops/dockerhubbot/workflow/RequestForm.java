package org.webops.dockerhubbot.workflow;

/** The request modal's values as typed, before validation; any of them may be null. */
public record RequestForm(
    String pipeline,
    String kind,
    String scope,
    String repositories,
    String circleciContext,
    String userVariable,
    String tokenVariable,
    String lifetimeDays,
    String reason) {

  /** The form's fields, so that errors can be shown on the one that caused them. */
  public enum Field {
    PIPELINE,
    KIND,
    SCOPE,
    REPOSITORIES,
    CIRCLECI_CONTEXT,
    USER_VARIABLE,
    TOKEN_VARIABLE,
    LIFETIME,
    REASON
  }
}

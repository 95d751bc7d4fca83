package org.webops.dockerhubbot.slack;

/** Every callback, block and action id the app uses, in one place. */
public final class SlackIds {
  public static final String COMMAND = "/dockerhub-user";

  public static final String REQUEST_MODAL = "request-modal";
  public static final String PIPELINE_BLOCK = "pipeline-block";
  public static final String PIPELINE_ACTION = "pipeline-action";
  public static final String KIND_BLOCK = "kind-block";
  public static final String KIND_ACTION = "kind-action";
  public static final String SCOPE_BLOCK = "scope-block";
  public static final String SCOPE_ACTION = "scope-action";
  public static final String REPOSITORIES_BLOCK = "repositories-block";
  public static final String REPOSITORIES_ACTION = "repositories-action";
  public static final String CONTEXT_BLOCK = "context-block";
  public static final String CONTEXT_ACTION = "context-action";
  public static final String USER_VARIABLE_BLOCK = "user-variable-block";
  public static final String USER_VARIABLE_ACTION = "user-variable-action";
  public static final String TOKEN_VARIABLE_BLOCK = "token-variable-block";
  public static final String TOKEN_VARIABLE_ACTION = "token-variable-action";
  public static final String LIFETIME_BLOCK = "lifetime-block";
  public static final String LIFETIME_ACTION = "lifetime-action";
  public static final String REASON_BLOCK = "reason-block";
  public static final String REASON_ACTION = "reason-action";

  public static final String DECISION_BLOCK = "decision-block";
  public static final String APPROVE_ACTION = "approve-action";
  public static final String REJECT_ACTION = "reject-action";

  public static final String RUN_BLOCK = "run-block";
  public static final String RETRY_ACTION = "retry-action";
  public static final String SIGNED_UP_ACTION = "signed-up-action";
  public static final String CHECK_MEMBERSHIP_ACTION = "check-membership-action";
  public static final String SIGN_UP_AGAIN_ACTION = "sign-up-again-action";
  public static final String REPLACE_VARIABLES_ACTION = "replace-variables-action";

  public static final String REJECT_MODAL = "reject-modal";
  public static final String REJECT_REASON_BLOCK = "reject-reason-block";
  public static final String REJECT_REASON_ACTION = "reject-reason-action";

  private SlackIds() {}
}

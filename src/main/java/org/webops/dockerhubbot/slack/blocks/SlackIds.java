package org.webops.dockerhubbot.slack.blocks;

/**
 * Every callback, block and action id the app uses, in one place, except the request form's input
 * ids: those are declared with its fields, in {@link org.webops.dockerhubbot.workflow.RequestForm}.
 */
public final class SlackIds {
  public static final String COMMAND = "/dockerhub-user";

  public static final String REQUEST_MODAL = "request-modal";

  public static final String DECISION_BLOCK = "decision-block";
  public static final String APPROVE_ACTION = "approve-action";
  public static final String REJECT_ACTION = "reject-action";

  public static final String RUN_BLOCK = "run-block";
  public static final String RETRY_ACTION = "retry-action";
  public static final String SIGNED_UP_ACTION = "signed-up-action";
  public static final String CHECK_MEMBERSHIP_ACTION = "check-membership-action";
  public static final String SIGN_UP_AGAIN_ACTION = "sign-up-again-action";
  public static final String REPLACE_VARIABLES_ACTION = "replace-variables-action";

  public static final String CREDENTIAL_BLOCK = "credential-block";
  public static final String ROTATE_ACTION = "rotate-action";
  public static final String REVOKE_ACTION = "revoke-action";

  /** A drift report's buttons for one credential: {@code drift-block.<request id>}. */
  public static final String DRIFT_BLOCK = "drift-block";

  public static final String ROTATE_MODAL = "rotate-modal";
  public static final String SEND_LINK_BLOCK = "send-link-block";
  public static final String SEND_LINK_ACTION = "send-link-action";
  public static final String SEND_LINK_VALUE = "send-link";

  public static final String REVOKE_MODAL = "revoke-modal";
  public static final String REVOKE_REASON_BLOCK = "revoke-reason-block";
  public static final String REVOKE_REASON_ACTION = "revoke-reason-action";

  public static final String REJECT_MODAL = "reject-modal";
  public static final String REJECT_REASON_BLOCK = "reject-reason-block";
  public static final String REJECT_REASON_ACTION = "reject-reason-action";

  private SlackIds() {}
}

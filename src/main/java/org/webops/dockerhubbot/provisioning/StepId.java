package org.webops.dockerhubbot.provisioning;

/** Every step an operation can have, in the words the card's checklist uses. */
public enum StepId {
  GENERATE_IDENTITY("Docker ID, password and e-mail alias generated"),
  SEND_SIGN_UP("Sign-up details sent to the approver"),
  VERIFY_SIGN_UP("Account created and e-mail verified"),
  CREATE_PERSONAL_TOKEN("Personal access token created"),
  CREATE_ORG_TOKEN("Organisation access token created"),
  WRITE_CIRCLECI("CircleCI variables written"),
  INVITE_TO_TEAM("Invited into the organisation's team"),
  AWAIT_MEMBERSHIP("Invitation accepted, member of the team"),
  DELIVER("One-time link delivered, requester told"),
  READ_BACK_CIRCLECI("CircleCI shows the new values"),
  AWAIT_GRACE("Grace period for running jobs over"),
  DELETE_OLD_TOKENS("Old token deleted"),
  REPORT_ROTATION("Rotation reported"),
  STOP_OTHER_RUNS("Other work on this credential stopped"),
  DELETE_TOKENS("Tokens deleted"),
  REMOVE_MEMBERSHIP("Removed from the organisation"),
  DELETE_CIRCLECI_VARIABLES("CircleCI variables deleted"),
  FORGET_PASSWORD("Kept password destroyed");

  private final String label;

  StepId(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

package org.webops.dockerhubbot.provisioning;

/** Every step a run can have, in the words the card's checklist uses. */
public enum StepId {
  GENERATE_IDENTITY("Docker ID, password and e-mail alias generated"),
  SEND_SIGN_UP("Sign-up details sent to the approver"),
  VERIFY_SIGN_UP("Account created and e-mail verified"),
  CREATE_PERSONAL_TOKEN("Personal access token created"),
  CREATE_ORG_TOKEN("Organisation access token created"),
  WRITE_CIRCLECI("CircleCI variables written"),
  INVITE_TO_TEAM("Invited into the organisation's team"),
  AWAIT_MEMBERSHIP("Invitation accepted, member of the team"),
  DELIVER("One-time link delivered, requester told");

  private final String label;

  StepId(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

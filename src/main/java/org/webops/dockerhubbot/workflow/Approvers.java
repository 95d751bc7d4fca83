package org.webops.dockerhubbot.workflow;

/** Who may approve, reject, retry, rotate and revoke. Asked on every click. */
public interface Approvers {
  boolean isApprover(String userId);

  /**
   * The answer if it is at hand without asking Slack, for checks on the acknowledgement path;
   * empty when it would take a call.
   */
  default java.util.Optional<Boolean> isApproverIfKnown(String userId) {
    return java.util.Optional.empty();
  }
}

package org.webops.dockerhubbot.workflow;

/** Who may approve, reject, retry, rotate and revoke. Asked on every click. */
public interface Approvers {
  boolean isApprover(String userId);
}

package org.webops.dockerhubbot.workflow;

import java.util.EnumSet;
import java.util.Set;

/** Where a request is in its life. */
public enum RequestState {
  PENDING_APPROVAL,
  APPROVED,
  REJECTED,
  IN_PROGRESS,
  FAILED,
  DONE,
  REVOKED;

  /** States in which the pipeline counts as taken: a new request for it is refused. */
  public static final Set<RequestState> HOLDS_PIPELINE =
      EnumSet.of(PENDING_APPROVAL, APPROVED, IN_PROGRESS, FAILED, DONE);

  public boolean holdsPipeline() {
    return HOLDS_PIPELINE.contains(this);
  }
}

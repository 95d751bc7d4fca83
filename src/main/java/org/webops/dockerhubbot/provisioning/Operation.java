package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import org.webops.dockerhubbot.workflow.OperationKind;

/**
 * One operation on a request's credential (provisioning it, and later rotating or revoking it):
 * its steps, lease and wait are its own, keyed by {@link #id()}.
 */
public record Operation(long id, long requestId, OperationKind kind, Status status,
    String startedBy, Instant createdAt) {

  /** Where an operation stands; a credential has at most one {@link #isOpen() open} at a time. */
  public enum Status {
    /** Running, or waiting for a person or a poll. */
    OPEN,
    /** Stopped at a step; Retry opens it again. */
    FAILED,
    DONE,
    /** Given up for another operation (a revocation). */
    CANCELLED;

    public boolean isOpen() {
      return this == OPEN || this == FAILED;
    }
  }
}

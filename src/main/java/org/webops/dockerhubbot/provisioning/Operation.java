package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import java.util.Optional;
import org.webops.dockerhubbot.workflow.OperationKind;

/**
 * One operation on a request's credential (provisioning it, rotating or revoking it): its steps,
 * lease and wait are its own, keyed by {@link #id()}.
 *
 * @param linkTo the approver who asked for the new token in a one-time link (a rotation)
 * @param note what the operation was started with: a revocation's reason
 */
public record Operation(long id, long requestId, OperationKind kind, Status status,
    String startedBy, Instant createdAt, Optional<String> linkTo, String note) {

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

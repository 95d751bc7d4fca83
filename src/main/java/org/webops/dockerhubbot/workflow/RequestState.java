package org.webops.dockerhubbot.workflow;

import java.util.EnumSet;
import java.util.Set;

/** Where a request, and the credential it asks for, is in its life; the moves are {@link Transition}s. */
public enum RequestState {
  PENDING_APPROVAL,
  APPROVED,
  REJECTED,
  /** Withdrawn by its requester before a decision. */
  WITHDRAWN,
  /** Nobody decided within the request's time to live. */
  LAPSED,
  IN_PROGRESS,
  FAILED,
  /** The credential is live. */
  DONE,
  /** A new token is being made and written; the old one still works. */
  ROTATING,
  /** The token's expiry passed; it can still be rotated or revoked. */
  EXPIRED,
  /** Everything the bot made for the request is being deleted. */
  REVOKING,
  REVOKED;

  /** States in which the pipeline counts as taken: a new request for it is refused. */
  public static final Set<RequestState> HOLDS_PIPELINE = EnumSet.of(PENDING_APPROVAL, APPROVED,
      IN_PROGRESS, FAILED, DONE, ROTATING, EXPIRED, REVOKING);

  /** States in which the request's credential exists: live, being rotated, or expired. */
  public static final Set<RequestState> CREDENTIALS = EnumSet.of(DONE, ROTATING, EXPIRED);

  /** States of a request still on its way to a credential, or on its way out. */
  public static final Set<RequestState> IN_FLIGHT = EnumSet.of(PENDING_APPROVAL, APPROVED,
      IN_PROGRESS, FAILED, REVOKING);

  public boolean holdsPipeline() {
    return HOLDS_PIPELINE.contains(this);
  }

  /** For people: "pending approval", "in progress". */
  public String words() {
    return name().toLowerCase().replace('_', ' ');
  }
}

package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;

/** Durable requests. Every state change is a compare-and-set written with its audit row. */
public interface RequestRepository {
  /**
   * How long the holder of a card lease may take to post the card before a sweep may try. A new
   * request's lease belongs to the instance that created it.
   */
  java.time.Duration CARD_LEASE = java.time.Duration.ofSeconds(30);

  /**
   * Stores a new request in {@link RequestState#PENDING_APPROVAL} together with its audit row; the
   * caller holds the card lease for {@link #CARD_LEASE}.
   *
   * @throws PipelineTakenException when another live request holds the same pipeline
   */
  ProvisioningRequest create(
      String requester, Optional<String> originChannel, RequestSpec spec, boolean dryRun,
      Instant now);

  Optional<ProvisioningRequest> find(long id);

  /** The request that holds this pipeline (pending or provisioned), if any. */
  Optional<ProvisioningRequest> findLive(String pipeline);

  /**
   * Moves the request from {@code from} to {@code to} and records the decision and the audit row,
   * only if it is still in {@code from}.
   *
   * @return true for the one caller that made the change
   */
  boolean transition(long id, RequestState from, RequestState to, Decision decision, AuditEvent audit);

  /**
   * Takes the lease for posting the request's card, unless the card exists or another holder's
   * lease runs until after {@code now}.
   *
   * @return true for the one caller that may post the card now
   */
  boolean leaseCard(long id, Instant now, Instant until);

  /** Gives the lease back after a failed post, so that the next sweep tries again at once. */
  void releaseCardLease(long id);

  /** Records the posted card and the state it shows. */
  void attachCard(long id, MessageRef card, RequestState shown);

  /** Requests whose card shows another state or step progress than theirs. */
  List<ProvisioningRequest> withStaleCard(int limit);

  /** Pending requests whose card was never posted and whose lease, if any, has run out. */
  List<ProvisioningRequest> withoutCard(Instant now, int limit);

  /**
   * In one query: the user's newest requests and the newest requests waiting for approval, at
   * most {@code limit} of each, newest first.
   */
  List<ProvisioningRequest> mineOrPending(String user, int limit);

  /** Thrown by {@link #create} when the pipeline already has a live request. */
  final class PipelineTakenException extends RuntimeException {
    public PipelineTakenException(String pipeline) {
      super("pipeline already has a live request: " + pipeline);
    }
  }
}

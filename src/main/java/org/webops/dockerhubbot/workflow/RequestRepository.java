package org.webops.dockerhubbot.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;

/** Durable requests. Every state change is a compare-and-set written with its audit row. */
public interface RequestRepository {
  /**
   * How long the holder of a card lease may take to post the card before a sweep may try. A new
   * request's lease belongs to the instance that created it.
   */
  Duration CARD_LEASE = Duration.ofSeconds(30);

  /**
   * A request to store.
   *
   * @param claims the CircleCI variable names it will write into a context
   * @param notices what to tell people once it is stored, given its id; committed with it
   */
  record NewRequest(String requester, Optional<String> originChannel, RequestSpec spec,
      boolean dryRun, Instant now, Optional<ProjectIds> project, List<VariableClaim> claims,
      LongFunction<List<Notice>> notices) {}

  /**
   * Stores a new request in {@link RequestState#PENDING_APPROVAL} together with its audit row,
   * variable claims and notices, in one transaction; the caller holds the card lease for {@link
   * #CARD_LEASE}.
   *
   * @throws PipelineTakenException when another live request holds the same project
   * @throws VariablesTakenException when another live request writes one of the same variables
   *     into the same context
   */
  ProvisioningRequest create(NewRequest request);

  Optional<ProvisioningRequest> find(long id);

  /**
   * The live request (pending or provisioned) of the project this slug names ({@link
   * PipelineKey}), or of the project with this CircleCI id.
   */
  Optional<ProvisioningRequest> findLive(String pipeline, Optional<String> projectId);

  /** The live request that claims any of these variables, if one does. */
  Optional<ProvisioningRequest> claimant(List<VariableClaim> claims);

  /**
   * Moves the request from {@code from} to {@code to} and records the decision, the audit row and
   * the notices, only if it is still in {@code from}.
   *
   * @return true for the one caller that made the change
   */
  boolean transition(long id, RequestState from, RequestState to, Decision decision,
      AuditEvent audit, List<Notice> notices);

  /**
   * Takes the lease for posting the request's card, unless the card exists or another holder's
   * lease runs until after {@code now}.
   *
   * @return true for the one caller that may post the card now
   */
  boolean leaseCard(long id, Instant now, Instant until);

  /** Gives the lease back after a failed post, so that the next sweep tries again at once. */
  void releaseCardLease(long id);

  /** Drops every card lease (start-up on an embedded database: they are all dead ones). */
  void releaseCardLeases();

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

  /** Thrown by {@link #create} when the project already has a live request. */
  final class PipelineTakenException extends RuntimeException {
    public PipelineTakenException(String pipeline) {
      super("pipeline already has a live request: " + pipeline);
    }
  }

  /** Thrown by {@link #create} when another live request writes the same context variables. */
  final class VariablesTakenException extends RuntimeException {
    public VariablesTakenException() {
      super("another live request writes these variables into this context");
    }
  }
}

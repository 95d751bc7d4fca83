package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.webops.dockerhubbot.notices.Notice;

/**
 * Durable requests. Every state change is a {@link Transition} made by {@link #apply}, a
 * compare-and-set written with its audit row and notices.
 */
public interface RequestRepository {
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
   * CardStore#CARD_LEASE}.
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
   * Makes the move if the request is still in one of the transition's starting states, with its
   * audit row and notices, in one transaction.
   *
   * @return true for the one caller that made it
   */
  boolean apply(long id, Transition transition, Move move);

  CredentialTimes times(long id);

  /** A credential and when its token expires. */
  record Expiring(ProvisioningRequest request, Instant expiresAt) {}

  /**
   * Credentials (live, rotating or expired) whose token expires before {@code before}, soonest
   * first.
   */
  List<Expiring> expiringBefore(Instant before, int limit);

  /** A credential (live, rotating or expired) and when its token expires, if it has one. */
  record Credential(ProvisioningRequest request, Optional<Instant> expiresAt) {}

  /**
   * Credentials ({@link RequestState#CREDENTIALS}), soonest expiry first; those without an
   * expiry (a dry run makes no token) last.
   */
  List<Credential> credentials(int limit);

  /** Requests in these states, oldest first. */
  List<ProvisioningRequest> inStates(java.util.Set<RequestState> states, int limit);

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

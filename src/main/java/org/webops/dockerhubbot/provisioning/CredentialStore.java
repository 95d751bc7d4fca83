package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the bot made for a request, so that it touches nothing else: every token (its exact label
 * is stored before the create call, its id once Docker Hub answers) and every CircleCI variable it
 * writes (stored before the write). Writes are run writes: they need the run's lease.
 */
public interface CredentialStore {

  /** Where a token stands. */
  enum TokenState {
    /** The label is stored and the create call may or may not have reached Docker Hub. */
    CREATING,
    LIVE,
    DELETED
  }

  /** Organisation or personal access token. */
  enum TokenKind {
    ORG_TOKEN,
    PERSONAL_TOKEN
  }

  /**
   * One token of a request.
   *
   * @param generation 1 for the first token, one more for each replacement; 0 for a token made
   *     before labels carried the request, which is recognised by its id only
   * @param operationId the operation that made it (provisioning or a rotation)
   */
  record TokenRecord(long requestId, int generation, String label, TokenKind kind,
      Optional<String> tokenId, TokenState state, Optional<Long> operationId,
      Optional<Instant> expiresAt) {

    /** Neither deleted nor known to be gone: a token the bot may still have to delete. */
    public boolean mayExist() {
      return state != TokenState.DELETED;
    }
  }

  /** A variable the bot writes, or wrote, into a CircleCI target for a request. */
  record WrittenVariable(String target, String name, Optional<String> approvedBy) {}

  List<TokenRecord> tokens(long requestId);

  /**
   * Stores the label of a token the lease's operation is about to create (state {@link
   * TokenState#CREATING}).
   */
  void tokenIntended(RunLease lease, int generation, String label, TokenKind kind,
      Optional<Instant> expiresAt, Instant at);

  void tokenCreated(RunLease lease, int generation, String tokenId, Instant at);

  void tokenDeleted(RunLease lease, int generation, Instant at);

  List<WrittenVariable> variables(long requestId);

  /**
   * Records that the bot writes these variables into the target for the request, before it does.
   *
   * @param approvedBy the approver who allowed replacing values the bot had not written
   */
  void variablesWritten(RunLease lease, String target, List<String> names,
      Optional<String> approvedBy, Instant at);

  /**
   * Claims a Docker ID for the request.
   *
   * @return false when another request has it already
   */
  boolean reserveDockerId(String dockerId, long requestId);

  Optional<String> dockerIdOf(long requestId);
}

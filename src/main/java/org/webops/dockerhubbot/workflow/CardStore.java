package org.webops.dockerhubbot.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bookkeeping of each request's card, the message in the approval channel that shows it:
 * who may post it, where it is, and which state and progress it shows, so that sweeps can post
 * missing cards and rewrite stale ones.
 */
public interface CardStore {
  /**
   * How long the holder of a card lease may take to post the card before a sweep may try. A new
   * request's lease belongs to the instance that created it.
   */
  Duration CARD_LEASE = Duration.ofSeconds(30);

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

  /** Records that the card now shows this state and progress. */
  void cardShows(long requestId, RequestState state, int progress);

  /** Requests whose card shows another state or step progress than theirs. */
  List<ProvisioningRequest> withStaleCard(int limit);

  /** Pending requests whose card was never posted and whose lease, if any, has run out. */
  List<ProvisioningRequest> withoutCard(Instant now, int limit);
}

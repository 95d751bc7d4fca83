package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Durable run state: the steps' records, the run lease that lets one runner at a time work on a
 * request (across instances), what a waiting run waits for, and the Docker IDs handed out.
 */
public interface RunStore {

  /**
   * A request's step records, the progress counter they are at, and how many times the bot has
   * polled the waiting step so far.
   */
  record Snapshot(List<StepRecord> steps, int progress, int polls) {
    public Snapshot {
      steps = List.copyOf(steps);
    }

    public Optional<StepRecord> step(StepId id) {
      return steps.stream().filter(s -> s.step() == id).findFirst();
    }
  }

  Snapshot snapshot(long requestId);

  /** Stores the step's record (replacing an earlier one) and bumps the request's progress. */
  void record(long requestId, StepRecord record);

  /** Forgets these steps' records, so that they run again; bumps the progress. */
  void reset(long requestId, Collection<StepId> steps);

  /**
   * Takes the run lease unless someone else holds one that runs until after {@code now}.
   *
   * @return true for the one caller that may run the request now
   */
  boolean lease(long requestId, String runId, Instant now, Instant until);

  /** Extends a lease this run holds; false when it has lost it. */
  boolean renew(long requestId, String runId, Instant until);

  void release(long requestId, String runId);

  /** Drops every lease: only for a database no other instance can use (an embedded H2 file). */
  void releaseAll();

  /** Records what the run waits for, or clears it ({@code waitFor} empty). */
  void waiting(long requestId, Optional<WaitFor> waitFor, Optional<Instant> wakeAt, int polls);

  /**
   * Runs to go on now: approved or in progress, no live lease, and not waiting, or waiting for a
   * poll that is due.
   */
  List<Long> due(Instant now, int limit);

  /**
   * Moves the request's state from {@code from} to {@code to} with its audit row, only if it is
   * still in {@code from}; the decision stays as it was.
   */
  boolean advance(long requestId, RequestState from, RequestState to, AuditEvent audit);

  /**
   * Claims a Docker ID for the request.
   *
   * @return false when another request has it already
   */
  boolean reserveDockerId(String dockerId, long requestId);

  Optional<String> dockerIdOf(long requestId);

  /** Records that the card now shows this state and progress. */
  void cardShows(long requestId, RequestState state, int progress);
}

package org.webops.dockerhubbot.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Durable run state: the steps' records, the run lease that lets one runner at a time work on a
 * request (across instances, by the database's clock), what a waiting run waits for, and the
 * Docker IDs handed out.
 *
 * <p>Every write of a run names its {@link RunLease} and throws {@link LeaseLostException},
 * changing nothing, unless that lease is still held and has not run out. Notices given to a
 * write are committed with it (the outbox).
 */
public interface RunStore {

  /**
   * A request's step records, the progress counter they are at, and what a waiting step waits
   * for.
   */
  record Snapshot(List<StepRecord> steps, int progress, Optional<Wait> waiting) {
    public Snapshot {
      steps = List.copyOf(steps);
    }

    public Optional<StepRecord> step(StepId id) {
      return steps.stream().filter(s -> s.step() == id).findFirst();
    }

    public int polls() {
      return waiting.map(Wait::polls).orElse(0);
    }
  }

  Snapshot snapshot(long requestId);

  /**
   * Takes the request's run lease until {@code length} from now by the database's clock, unless
   * another owner's lease has not run out.
   */
  boolean lease(long requestId, String owner, Duration length);

  /** Extends the lease, only while {@code owner} still holds it and it has not run out. */
  boolean renew(long requestId, String owner, Duration length);

  void release(long requestId, String owner);

  /** Drops every lease (start-up on an embedded database, where no other process can hold one). */
  void releaseAll();

  /** Stores the step's record (replacing an earlier one), ends any wait, bumps the progress. */
  void record(RunLease lease, StepRecord record, List<Notice> notices);

  /** Stores a waiting step's record and what it waits for; bumps the progress. */
  void park(RunLease lease, StepRecord record, Wait wait, List<Notice> notices);

  /** Forgets these steps' records, so that they run again; bumps the progress. */
  void reset(RunLease lease, Collection<StepId> steps, List<Notice> notices);

  /**
   * Moves the request's state from {@code from} to {@code to} with its audit row and notices, only
   * if it is still in {@code from}; the decision stays as it was.
   */
  boolean advance(RunLease lease, RequestState from, RequestState to, AuditEvent audit,
      List<Notice> notices);

  /**
   * As {@link #advance} with {@code from} failed, only if the progress counter is still {@code
   * progress}: a click on a run that failed again since it was read retries nothing.
   */
  boolean retry(RunLease lease, int progress, AuditEvent audit);

  /** Stores the failed step's record and moves the request from in progress to failed. */
  void fail(RunLease lease, StepRecord failed, AuditEvent audit, List<Notice> notices);

  /** An audit row and notices of something a person did beside the run, under its lease. */
  void note(RunLease lease, AuditEvent audit, List<Notice> notices);

  /**
   * Runs to go on now: approved or in progress, no live lease, and not waiting, or waiting for a
   * poll that is due.
   */
  List<Long> due(Instant now, int limit);

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

package org.webops.dockerhubbot.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * Durable operations: their steps' records, the lease that lets one runner at a time work on an
 * operation (across instances, by the database's clock) and what a waiting operation waits for.
 *
 * <p>Every write of a run names its {@link RunLease} and throws {@link LeaseLostException},
 * changing nothing, unless that lease is still held and has not run out. Notices given to a
 * write are committed with it (the outbox). Each write bumps the request's progress counter,
 * the version its card shows.
 */
public interface RunStore {

  /**
   * An operation's step records, the request's progress counter, and what a waiting step waits
   * for. Empty of steps for a request that has no operation yet.
   */
  record Snapshot(Optional<Operation> operation, List<StepRecord> steps, int progress,
      Optional<Wait> waiting) {
    public Snapshot {
      steps = List.copyOf(steps);
    }

    /** Before any operation. */
    public static Snapshot none() {
      return new Snapshot(Optional.empty(), List.of(), 0, Optional.empty());
    }

    public Optional<StepRecord> step(StepId id) {
      return steps.stream().filter(s -> s.step() == id).findFirst();
    }

    public int polls() {
      return waiting.map(Wait::polls).orElse(0);
    }

    /** The step that waits now, if one does. */
    public Optional<StepRecord> waitingStep() {
      return steps.stream().filter(s -> s.status() == StepStatus.WAITING).findFirst();
    }
  }

  Optional<Operation> operation(long operationId);

  /** The request's newest operation: the open one if there is one. */
  Optional<Operation> latest(long requestId);

  Snapshot snapshot(long operationId);

  /** The snapshot of the request's newest operation, as its card shows it. */
  Snapshot ofRequest(long requestId);

  /**
   * Takes the operation's run lease until {@code length} from now by the database's clock,
   * unless another owner's lease has not run out.
   */
  boolean lease(long operationId, String owner, Duration length);

  /** Extends the lease, only while {@code owner} still holds it and it has not run out. */
  boolean renew(long operationId, String owner, Duration length);

  void release(long operationId, String owner);

  /** Drops every lease (start-up on an embedded database, where no other process can hold one). */
  void releaseAll();

  /** Stores the step's record (replacing an earlier one) and ends any wait. */
  void record(RunLease lease, StepRecord record, List<Notice> notices);

  /** Stores a waiting step's record and what it waits for. */
  void park(RunLease lease, StepRecord record, Wait wait, List<Notice> notices);

  /** Forgets these steps' records, so that they run again. */
  void reset(RunLease lease, Collection<StepId> steps, List<Notice> notices);

  /** Makes a move of the request, as {@link RequestRepository#apply} does, under the lease. */
  boolean apply(RunLease lease, Transition transition, Move move);

  /**
   * Opens the failed operation again, with the request's move back if the operation has one,
   * only if the progress counter is still {@code progress}: a click on a run that failed again
   * since it was read retries nothing.
   */
  boolean retry(RunLease lease, int progress, Optional<Transition> transition, Move move);

  /** Stores the failed step's record, fails the operation and makes the request's move, if any. */
  void fail(RunLease lease, StepRecord failed, Optional<Transition> transition, Move move);

  /** Closes the operation as done, with the request's move. */
  boolean finish(RunLease lease, Transition transition, Move move);

  /** An audit row and notices of something a person did beside the run, under its lease. */
  void note(RunLease lease, AuditEvent audit, List<Notice> notices);

  /** Whether another operation of the request is still held by a runner (a live lease). */
  boolean othersHeld(long requestId, long operationId);

  /**
   * Operations to go on now: open, no live lease, and not waiting, or waiting for a poll that is
   * due.
   */
  List<Long> due(Instant now, int limit);
}

package org.webops.dockerhubbot.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.RequestMoved;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * A {@link RunStore} in memory with the semantics of {@code JdbcRunStore}, for the runner's unit
 * tests. A run write throws {@link LeaseLostException}, changing nothing, unless its lease is
 * held by its owner; record, park, reset, fail and finish bump the request's progress counter;
 * moves are made on {@link InMemoryRequests}. Leases have no clock: one is held until it is
 * released or a test {@link #takeLeaseAway takes it away}. The store keeps a log of the run
 * writes it accepted, the moves it was asked to make and the notices it wrote.
 */
final class InMemoryRunStore implements RunStore {
  private final InMemoryRequests requests;
  private final Map<Long, Operation> operations = new LinkedHashMap<>();
  private final Map<Long, Map<StepId, StepRecord>> steps = new HashMap<>();
  private final Map<Long, Wait> waits = new HashMap<>();
  /** The owner holding each operation's lease. */
  private final Map<Long, String> leases = new HashMap<>();
  /** By request id, as the database keeps it on the request. */
  private final Map<Long, Integer> progress = new HashMap<>();
  private final List<String> writes = new ArrayList<>();
  private final List<Transition> moves = new ArrayList<>();
  private final List<Notice> notices = new ArrayList<>();
  private long nextId = 1;

  InMemoryRunStore(InMemoryRequests requests) {
    this.requests = requests;
  }

  /** A new open operation on the request, as approving it opens one; its id. */
  synchronized long open(long requestId, OperationKind kind, String by, Instant at) {
    long id = nextId++;
    operations.put(id, new Operation(id, requestId, kind, Operation.Status.OPEN, by, at,
        Optional.empty(), ""));
    return id;
  }

  /** A step record that an earlier go stored, written without a lease or a log entry. */
  synchronized void given(long operationId, StepRecord record) {
    steps.computeIfAbsent(operationId, id -> new LinkedHashMap<>()).put(record.step(), record);
  }

  /** Another runner takes the lease over: every later write of the one that held it is refused. */
  synchronized void takeLeaseAway(long operationId, String newOwner) {
    leases.put(operationId, newOwner);
  }

  synchronized Optional<String> leaseOwner(long operationId) {
    return Optional.ofNullable(leases.get(operationId));
  }

  /** The run writes accepted, in order, such as {@code "record CREATE_ORG_TOKEN RUNNING"}. */
  synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  /** The moves the runner asked for, made or not. */
  synchronized List<Transition> moves() {
    return List.copyOf(moves);
  }

  /** The notices written with accepted writes and moves made. */
  synchronized List<Notice> notices() {
    return List.copyOf(notices);
  }

  @Override
  public synchronized Optional<Operation> operation(long operationId) {
    return Optional.ofNullable(operations.get(operationId));
  }

  @Override
  public synchronized Optional<Operation> latest(long requestId) {
    return operations.values().stream().filter(op -> op.requestId() == requestId)
        .reduce((older, newer) -> newer);
  }

  @Override
  public synchronized Snapshot snapshot(long operationId) {
    Operation operation = operations.get(operationId);
    if (operation == null) {
      return Snapshot.none();
    }
    return new Snapshot(Optional.of(operation),
        List.copyOf(steps.getOrDefault(operationId, Map.of()).values()),
        progress.getOrDefault(operation.requestId(), 0),
        Optional.ofNullable(waits.get(operationId)));
  }

  @Override
  public synchronized Snapshot ofRequest(long requestId) {
    return latest(requestId).map(op -> snapshot(op.id())).orElseGet(() -> new Snapshot(
        Optional.empty(), List.of(), progress.getOrDefault(requestId, 0), Optional.empty()));
  }

  @Override
  public synchronized boolean lease(long operationId, String owner, Duration length) {
    return leases.putIfAbsent(operationId, owner) == null;
  }

  @Override
  public synchronized boolean renew(long operationId, String owner, Duration length) {
    return owner.equals(leases.get(operationId));
  }

  @Override
  public synchronized void release(long operationId, String owner) {
    leases.remove(operationId, owner);
  }

  @Override
  public synchronized void releaseAll() {
    leases.clear();
  }

  @Override
  public synchronized void record(RunLease lease, StepRecord record, List<Notice> notices) {
    fenced(lease, "record " + record.step() + " " + record.status());
    given(lease.operationId(), record);
    waits.remove(lease.operationId());
    this.notices.addAll(notices);
  }

  @Override
  public synchronized void park(RunLease lease, StepRecord record, Wait wait,
      List<Notice> notices) {
    fenced(lease, "park " + record.step() + " " + wait.waitFor());
    given(lease.operationId(), record);
    waits.put(lease.operationId(), wait);
    this.notices.addAll(notices);
  }

  @Override
  public synchronized void reset(RunLease lease, Collection<StepId> reset,
      List<Notice> notices) {
    fenced(lease, "reset " + reset);
    steps.getOrDefault(lease.operationId(), new HashMap<>()).keySet().removeAll(reset);
    this.notices.addAll(notices);
  }

  @Override
  public synchronized boolean apply(RunLease lease, Transition transition, Move move) {
    requireLease(lease);
    writes.add("apply " + transition);
    return move(lease.requestId(), transition, move);
  }

  @Override
  public synchronized boolean retry(RunLease lease, int seenProgress,
      Optional<Transition> transition, Move move) {
    requireLease(lease);
    if (progress.getOrDefault(lease.requestId(), 0) != seenProgress
        || transition.isPresent() && !move(lease.requestId(), transition.get(), move)) {
      return false;
    }
    Operation operation = operations.get(lease.operationId());
    if (operation.status() != Operation.Status.FAILED) {
      return false;
    }
    writes.add("retry");
    operations.put(operation.id(), withStatus(operation, Operation.Status.OPEN));
    return true;
  }

  @Override
  public synchronized void fail(RunLease lease, StepRecord failed,
      Optional<Transition> transition, Move move) {
    fenced(lease, "fail " + failed.step());
    given(lease.operationId(), failed);
    waits.remove(lease.operationId());
    operations.computeIfPresent(lease.operationId(),
        (id, op) -> withStatus(op, Operation.Status.FAILED));
    if (transition.isPresent()) {
      move(lease.requestId(), transition.get(), move);
    } else {
      notices.addAll(move.alsoTells());
    }
  }

  @Override
  public synchronized boolean finish(RunLease lease, Transition transition, Move move) {
    fenced(lease, "finish");
    operations.computeIfPresent(lease.operationId(),
        (id, op) -> withStatus(op, Operation.Status.DONE));
    return move(lease.requestId(), transition, move);
  }

  @Override
  public synchronized void note(RunLease lease, AuditEvent audit, List<Notice> notices) {
    requireLease(lease);
    writes.add("note " + audit.action());
    this.notices.addAll(notices);
  }

  @Override
  public synchronized boolean othersHeld(long requestId, long operationId) {
    return operations.values().stream().anyMatch(op -> op.requestId() == requestId
        && op.id() != operationId && leases.containsKey(op.id()));
  }

  @Override
  public synchronized List<Long> due(Instant now, int limit) {
    return operations.values().stream()
        .filter(op -> op.status() == Operation.Status.OPEN && !leases.containsKey(op.id()))
        .filter(op -> {
          Wait wait = waits.get(op.id());
          return wait == null || wait.waitFor() == WaitFor.POLL
              && wait.wakeAt().map(at -> !at.isAfter(now)).orElse(false);
        })
        .map(Operation::id).limit(Math.max(1, limit)).toList();
  }

  /** A write that bumps the request's progress counter, as every step write does. */
  private void fenced(RunLease lease, String write) {
    requireLease(lease);
    writes.add(write);
    progress.merge(lease.requestId(), 1, Integer::sum);
  }

  private void requireLease(RunLease lease) {
    if (!lease.owner().equals(leases.get(lease.operationId()))) {
      lease.lose("another runner holds it, or it ran out");
      throw new LeaseLostException(lease.requestId(), "refused by the store");
    }
  }

  private boolean move(long requestId, Transition transition, Move move) {
    moves.add(transition);
    if (!requests.apply(requestId, transition, move)) {
      return false;
    }
    for (Notice.Audience audience : transition.tells()) {
      notices.add(new Notice(requestId, audience,
          new RequestMoved(transition, move.by(), move.note())));
    }
    notices.addAll(move.alsoTells());
    return true;
  }

  private static Operation withStatus(Operation op, Operation.Status status) {
    return new Operation(op.id(), op.requestId(), op.kind(), status, op.startedBy(),
        op.createdAt(), op.linkTo(), op.note());
  }
}

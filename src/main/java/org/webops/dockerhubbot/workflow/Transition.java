package org.webops.dockerhubbot.workflow;

import static org.webops.dockerhubbot.notices.Notice.Audience.REQUESTER;
import static org.webops.dockerhubbot.notices.Notice.Audience.THREAD;
import static org.webops.dockerhubbot.workflow.RequestState.APPROVED;
import static org.webops.dockerhubbot.workflow.RequestState.DONE;
import static org.webops.dockerhubbot.workflow.RequestState.EXPIRED;
import static org.webops.dockerhubbot.workflow.RequestState.FAILED;
import static org.webops.dockerhubbot.workflow.RequestState.IN_PROGRESS;
import static org.webops.dockerhubbot.workflow.RequestState.LAPSED;
import static org.webops.dockerhubbot.workflow.RequestState.PENDING_APPROVAL;
import static org.webops.dockerhubbot.workflow.RequestState.REJECTED;
import static org.webops.dockerhubbot.workflow.RequestState.REVOKED;
import static org.webops.dockerhubbot.workflow.RequestState.REVOKING;
import static org.webops.dockerhubbot.workflow.RequestState.ROTATING;
import static org.webops.dockerhubbot.workflow.RequestState.WITHDRAWN;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.webops.dockerhubbot.notices.Notice;

/**
 * Every move of a request between states, declared once: where it may start, where it ends, who
 * may make it, the audit action it records, whom it tells ({@link RequestMoved} in the outbox) and
 * the operation on the credential it opens. {@link RequestRepository#apply} is the one place
 * that makes a move, as a compare-and-set with its audit row and notices.
 */
public enum Transition {
  APPROVE(PENDING_APPROVAL, APPROVED, Set.of(Role.APPROVER), "APPROVED", Set.of(REQUESTER),
      OperationKind.PROVISION),
  REJECT(PENDING_APPROVAL, REJECTED, Set.of(Role.APPROVER), "REJECTED", Set.of(REQUESTER), null),
  WITHDRAW(PENDING_APPROVAL, WITHDRAWN, Set.of(Role.REQUESTER), "WITHDRAWN", Set.of(THREAD),
      null),
  LAPSE(PENDING_APPROVAL, LAPSED, Set.of(Role.BOT), "LAPSED", Set.of(THREAD, REQUESTER), null),
  START(APPROVED, IN_PROGRESS, Set.of(Role.BOT), "RUN_STARTED", Set.of(), null),
  /** The run tells of its failure itself: the step and the reason are its to say. */
  FAIL(IN_PROGRESS, FAILED, Set.of(Role.BOT), "STEP_FAILED", Set.of(), null),
  RETRY(FAILED, IN_PROGRESS, Set.of(Role.APPROVER), "RETRY", Set.of(), null),
  FINISH(IN_PROGRESS, DONE, Set.of(Role.BOT), "DONE", Set.of(REQUESTER), null),
  ROTATE(EnumSet.of(DONE, EXPIRED), ROTATING, Set.of(Role.APPROVER, Role.REQUESTER, Role.BOT),
      "ROTATE", Set.of(THREAD), OperationKind.ROTATE),
  /** Retry of a failed rotation: its operation opens again, no new one. */
  RESUME_ROTATION(EnumSet.of(DONE, EXPIRED), ROTATING, Set.of(Role.APPROVER, Role.REQUESTER),
      "RETRY", Set.of(), null),
  ROTATED(ROTATING, DONE, Set.of(Role.BOT), "ROTATED", Set.of(THREAD, REQUESTER), null),
  /** The old token still works: the credential is live again; the run tells of the failure. */
  ROTATION_FAILED(ROTATING, DONE, Set.of(Role.BOT), "STEP_FAILED", Set.of(), null),
  EXPIRE(DONE, EXPIRED, Set.of(Role.BOT), "EXPIRED", Set.of(THREAD, REQUESTER), null),
  /** Cancels whatever operation is open, then deletes all the bot made for the request. */
  REVOKE(EnumSet.of(APPROVED, IN_PROGRESS, FAILED, DONE, ROTATING, EXPIRED), REVOKING,
      Set.of(Role.APPROVER), "REVOKE", Set.of(THREAD, REQUESTER), OperationKind.REVOKE),
  REVOKED_ALL(REVOKING, REVOKED, Set.of(Role.BOT), "REVOKED", Set.of(THREAD, REQUESTER), null);

  private final Set<RequestState> from;
  private final RequestState to;
  private final Set<Role> by;
  private final String auditAction;
  private final Set<Notice.Audience> tells;
  private final OperationKind opens;

  Transition(RequestState from, RequestState to, Set<Role> by, String auditAction,
      Set<Notice.Audience> tells, OperationKind opens) {
    this(EnumSet.of(from), to, by, auditAction, tells, opens);
  }

  Transition(Set<RequestState> from, RequestState to, Set<Role> by, String auditAction,
      Set<Notice.Audience> tells, OperationKind opens) {
    this.from = Set.copyOf(from);
    this.to = to;
    this.by = Set.copyOf(by);
    this.auditAction = auditAction;
    this.tells = Collections.unmodifiableSet(tells.isEmpty()
        ? EnumSet.noneOf(Notice.Audience.class) : EnumSet.copyOf(tells));
    this.opens = opens;
  }

  public Set<RequestState> from() {
    return from;
  }

  public RequestState to() {
    return to;
  }

  public boolean startsFrom(RequestState state) {
    return from.contains(state);
  }

  public boolean allows(Role role) {
    return by.contains(role);
  }

  public String auditAction() {
    return auditAction;
  }

  /** Who hears of the move, in this order: the thread first, then the requester. */
  public Set<Notice.Audience> tells() {
    return tells;
  }

  /** The operation on the credential this move opens, in the same transaction. */
  public Optional<OperationKind> opens() {
    return Optional.ofNullable(opens);
  }

  /** Revocation ends any other operation on the credential first. */
  public boolean cancelsOpenOperations() {
    return this == REVOKE;
  }

  /** Approve and reject record the decision on the request. */
  public boolean decides() {
    return this == APPROVE || this == REJECT;
  }
}

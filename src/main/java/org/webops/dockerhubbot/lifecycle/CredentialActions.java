package org.webops.dockerhubbot.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.workflow.Authority;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.Progress;
import org.webops.dockerhubbot.workflow.Provisioning;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Role;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * What people do to a credential after it exists: rotate it (an approver or its requester),
 * revoke it (an approver), withdraw a request still waiting (its requester). Each is a {@link
 * Transition} checked against who asks; rotation and revocation open an operation that the
 * runner carries out. One operation per credential at a time.
 */
public final class CredentialActions {

  /** What became of an action. Plain words; the Slack edge marks a refusal as one. */
  public sealed interface Outcome {
    /**
     * @param linkRefused the clicker asked for the new token but may not have it
     */
    record Started(ProvisioningRequest request, boolean linkRefused) implements Outcome {}

    record Refused(String why) implements Outcome {}
  }

  private final RequestRepository requests;
  private final RunStore runs;
  private final Authority authority;
  private final Provisioning runner;
  private final Progress progress;
  private final AuditLog audit;
  private final Clock clock;

  public CredentialActions(RequestRepository requests, RunStore runs, Authority authority,
      Provisioning runner, Progress progress, AuditLog audit, Clock clock) {
    this.requests = requests;
    this.runs = runs;
    this.authority = authority;
    this.runner = runner;
    this.progress = progress;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A new token, same scope and target; the old one goes after the grace period.
   *
   * @param sendLink the clicker asks for the new token in a one-time link (approvers other than
   *     the requester only)
   */
  public Outcome rotate(long requestId, String user, boolean sendLink) {
    Optional<ProvisioningRequest> found = requests.find(requestId);
    if (found.isEmpty()) {
      return new Outcome.Refused("I can't find request #" + requestId + ".");
    }
    ProvisioningRequest request = found.get();
    Authority.Standing standing = authority.of(request, user);
    Optional<Outcome> refused = refuse(request, user, standing, Transition.ROTATE,
        "rotate its token");
    if (refused.isPresent()) {
      return refused.get();
    }
    boolean link = sendLink && Authority.holds(standing, Role.APPROVER);
    Optional<Operation> open = runs.latest(requestId).filter(op -> op.status().isOpen());
    if (open.isPresent() && open.get().status() == Operation.Status.OPEN) {
      return new Outcome.Refused(busy(request, open.get()));
    }
    if (open.isPresent()) {
      return new Outcome.Refused(open.get().kind().name().toLowerCase() + " of request #"
          + requestId + " failed and waits for Retry on the card; a new rotation would not"
          + " start before that one is retried or the credential is revoked.");
    }
    if (!Transition.ROTATE.startsFrom(request.state())) {
      return new Outcome.Refused("Request #" + requestId + " is " + request.state().words()
          + ": only a live or expired credential can be rotated.");
    }
    return start(request, Transition.ROTATE, link
        ? Move.by(user, clock.instant(), "rotation asked").linkingTo(user)
        : Move.by(user, clock.instant(), "rotation asked"), sendLink && !link);
  }

  /**
   * Why {@code user} may not rotate or revoke the request, when that is known without asking
   * Slack: the command refuses before it opens a confirmation nobody could submit. Empty when
   * the user may, or when only the submission can tell.
   */
  public Optional<String> refusedBeforeConfirmation(ProvisioningRequest request, String user,
      Transition move) {
    return authority.ifKnown(request, user)
        .flatMap(standing -> refuse(request, user, standing, move, move == Transition.REVOKE
            ? "revoke it" : "rotate its token"))
        .map(outcome -> ((Outcome.Refused) outcome).why());
  }

  /** Rotation by the bot, ahead of expiry; false when it is not the time or not possible. */
  public boolean rotateAutomatically(ProvisioningRequest request, Instant expiresAt) {
    if (!Transition.ROTATE.startsFrom(request.state())
        || runs.latest(request.id()).filter(op -> op.status().isOpen()).isPresent()) {
      return false;
    }
    return start(request, Transition.ROTATE, Move.ofBot(clock.instant(), "automatic rotation,"
        + " the token expires " + expiresAt).noting(expiresAt.toString()), false)
        instanceof Outcome.Started;
  }

  /** Deletes everything the bot made for the request, after ending any other operation. */
  public Outcome revoke(long requestId, String user, String reason) {
    Optional<ProvisioningRequest> found = requests.find(requestId);
    if (found.isEmpty()) {
      return new Outcome.Refused("I can't find request #" + requestId + ".");
    }
    ProvisioningRequest request = found.get();
    Optional<Outcome> refused = refuse(request, user, authority.of(request, user),
        Transition.REVOKE, "revoke it");
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!Transition.REVOKE.startsFrom(request.state())) {
      return new Outcome.Refused("Request #" + requestId + " is " + request.state().words()
          + (request.state() == RequestState.PENDING_APPROVAL ? ": reject it instead."
              : ": there is nothing to revoke."));
    }
    return start(request, Transition.REVOKE,
        Move.by(user, clock.instant(), reason).noting(reason), false);
  }

  /** The requester takes back a request nobody has decided on yet. */
  public Outcome withdraw(long requestId, String user) {
    Optional<ProvisioningRequest> found = requests.find(requestId);
    if (found.isEmpty()) {
      return new Outcome.Refused("I can't find request #" + requestId + ".");
    }
    ProvisioningRequest request = found.get();
    if (!request.requester().equals(user)) {
      audit.record(new AuditEvent(requestId, user, "WITHDRAW_REFUSED", "not the requester",
          clock.instant()));
      return new Outcome.Refused("Only the requester can withdraw request #" + requestId + ".");
    }
    if (!Transition.WITHDRAW.startsFrom(request.state())
        || !requests.apply(requestId, Transition.WITHDRAW,
            Move.by(user, clock.instant(), "withdrawn before a decision"))) {
      return new Outcome.Refused("Request #" + requestId + " is " + request.state().words()
          + ": only a request waiting for approval can be withdrawn.");
    }
    progress.changed(requestId);
    return new Outcome.Started(requests.find(requestId).orElseThrow(), false);
  }

  private Outcome start(ProvisioningRequest request, Transition move, Move how,
      boolean linkRefused) {
    boolean moved;
    try {
      moved = requests.apply(request.id(), move, how);
    } catch (RuntimeException e) {
      moved = false; // another operation opened meanwhile: the unique index refused this one
    }
    if (!moved) {
      ProvisioningRequest now = requests.find(request.id()).orElse(request);
      return new Outcome.Refused("Request #" + request.id() + " changed meanwhile (it is "
          + now.state().words() + "); nothing was started.");
    }
    ProvisioningRequest changed = requests.find(request.id()).orElseThrow();
    progress.changed(request.id());
    runner.start(changed);
    return new Outcome.Started(changed, linkRefused);
  }

  /** Why the user may not make this move, recorded when it is a refusal of who they are. */
  private Optional<Outcome> refuse(ProvisioningRequest request, String user,
      Authority.Standing standing, Transition move, String what) {
    if (standing instanceof Authority.Standing.Unknown unknown) {
      return Optional.of(new Outcome.Refused(unknown.why()));
    }
    boolean allowed = move.allows(Role.APPROVER) && Authority.holds(standing, Role.APPROVER)
        || move.allows(Role.REQUESTER) && Authority.holds(standing, Role.REQUESTER);
    if (allowed) {
      return Optional.empty();
    }
    boolean own = standing instanceof Authority.Standing.Requester;
    audit.record(new AuditEvent(request.id(), user, move.name() + "_REFUSED",
        own ? "own request" : "not an approver", clock.instant()));
    return Optional.of(new Outcome.Refused(own
        ? "You asked for request #" + request.id() + " yourself, so another approver has to "
            + what + "."
        : "Only webops approvers" + (move.allows(Role.REQUESTER) ? " or the requester" : "")
            + " can " + what + ", and you are neither."));
  }

  private static String busy(ProvisioningRequest request, Operation open) {
    return "Request #" + request.id() + " is already being worked on (a "
        + open.kind().name().toLowerCase() + " is running); try again when it is done.";
  }
}

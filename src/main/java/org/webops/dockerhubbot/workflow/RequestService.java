package org.webops.dockerhubbot.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.workflow.RequestForm.Field;

/** Submitting requests and deciding on them; the rules, with Slack kept out. */
public final class RequestService {

  /** What became of a submission. */
  public sealed interface Submission {
    record Created(ProvisioningRequest request) implements Submission {}

    record Refused(Map<Field, String> errors) implements Submission {}
  }

  /** What became of an approve or reject click. */
  public sealed interface DecisionOutcome {
    record Decided(ProvisioningRequest request) implements DecisionOutcome {}

    record NotAllowed(String message) implements DecisionOutcome {}

    record AlreadyDecided(ProvisioningRequest request) implements DecisionOutcome {}

    record NotFound(long requestId) implements DecisionOutcome {}
  }

  private final RequestRepository requests;
  private final AuditLog audit;
  private final Authority authority;
  private final RequestValidator validator;
  private final ProjectLookup projects;
  private final CredentialKinds kinds;
  private final boolean dryRun;
  private final Clock clock;

  private final Provisioning provisioning;
  private final Progress progress;

  public RequestService(RequestRepository requests, AuditLog audit, Authority authority,
      RequestValidator validator, ProjectLookup projects, CredentialKinds kinds,
      Provisioning provisioning, Progress progress, boolean dryRun, Clock clock) {
    this.requests = requests;
    this.audit = audit;
    this.authority = authority;
    this.provisioning = provisioning;
    this.progress = progress;
    this.validator = validator;
    this.projects = projects;
    this.kinds = kinds;
    this.dryRun = dryRun;
    this.clock = clock;
  }

  public Submission submit(String requester, Optional<String> originChannel, RequestForm form) {
    RequestValidator.Result result = validator.validate(form, kinds);
    if (result instanceof RequestValidator.Result.Invalid invalid) {
      return new Submission.Refused(invalid.errors());
    }
    RequestSpec spec = ((RequestValidator.Result.Valid) result).spec();
    ProjectLookup.Answer project = projects.lookup(spec.pipeline());
    if (project instanceof ProjectLookup.Answer.Missing) {
      return new Submission.Refused(Map.of(Field.PIPELINE, "CircleCI has no project "
          + spec.pipeline() + " that the bot can see. Check the slug (letter case counts) or"
          + " that the bot's CircleCI user can open the project."));
    }
    Optional<ProjectIds> ids = project instanceof ProjectLookup.Answer.Found found
        ? Optional.of(found.ids()) : Optional.empty();
    List<VariableClaim> claims = VariableClaim.of(spec, project);
    // No look before the insert: the unique indexes answer "taken", and the ack path stays at
    // one database write; the live request is read only to word the error.
    try {
      return new Submission.Created(requests.create(new RequestRepository.NewRequest(requester,
          originChannel, spec, dryRun, clock.instant(), ids, claims, id -> List.of())));
    } catch (RequestRepository.PipelineTakenException taken) {
      return requests.findLive(spec.pipeline(), ids.map(ProjectIds::projectId))
          .map(RequestService::pipelineTaken)
          .orElseGet(() -> new Submission.Refused(Map.of(Field.PIPELINE,
              "Another request for this pipeline was just made. Try again in a moment.")));
    } catch (RequestRepository.VariablesTakenException taken) {
      return requests.claimant(claims)
          .map(owner -> new Submission.Refused(Map.of(Field.CIRCLECI_CONTEXT,
              variablesTaken(spec, owner))))
          .orElseGet(() -> new Submission.Refused(Map.of(Field.CIRCLECI_CONTEXT,
              "Another request for these variables was just made. Try again in a moment.")));
    }
  }

  public DecisionOutcome approve(long requestId, String userId) {
    return decide(requestId, userId, Transition.APPROVE, "");
  }

  public DecisionOutcome reject(long requestId, String userId, String reason) {
    return decide(requestId, userId, Transition.REJECT, reason.strip());
  }

  /** The decision as a move of the request; an approval starts the run at once. */
  private DecisionOutcome decide(long requestId, String userId, Transition move, String note) {
    Optional<ProvisioningRequest> found = requests.find(requestId);
    if (found.isEmpty()) {
      return new DecisionOutcome.NotFound(requestId);
    }
    ProvisioningRequest request = found.get();
    String verb = move == Transition.APPROVE ? "approve" : "reject";
    Instant now = clock.instant();
    Authority.Standing standing = authority.of(request, userId);
    if (standing instanceof Authority.Standing.Unknown unknown) {
      return new DecisionOutcome.NotAllowed(unknown.why());
    }
    if (!Authority.holds(standing, Role.APPROVER)) {
      boolean own = standing instanceof Authority.Standing.Requester;
      audit.record(new AuditEvent(requestId, userId, verb.toUpperCase() + "_REFUSED",
          own ? "own request" : "not an approver", now));
      return new DecisionOutcome.NotAllowed(own
          ? "You asked for request #" + requestId + " yourself, so another approver has to "
              + verb + " it."
          : "Only webops approvers can " + verb + " requests, and you are not one of them.");
    }
    if (!move.startsFrom(request.state())
        || !requests.apply(requestId, move, Move.by(userId, now, note).noting(note))) {
      return new DecisionOutcome.AlreadyDecided(requests.find(requestId).orElse(request));
    }
    ProvisioningRequest decided = requests.find(requestId).orElseThrow();
    progress.changed(requestId);
    if (move == Transition.APPROVE) {
      provisioning.start(decided);
    }
    return new DecisionOutcome.Decided(decided);
  }

  private static String variablesTaken(RequestSpec spec, ProvisioningRequest owner) {
    return "Request #" + owner.id() + " (" + owner.spec().pipeline() + ") already writes "
        + owner.spec().userVariable() + " and " + owner.spec().tokenVariable()
        + " into the context " + spec.circleciContext().orElse("") + " of this organisation,"
        + " and two pipelines would overwrite each other. Choose other variable names or"
        + " another context.";
  }

  private static Submission pipelineTaken(ProvisioningRequest live) {
    String what = switch (live.state()) {
      case PENDING_APPROVAL -> "already waits for approval";
      case DONE, ROTATING, EXPIRED -> "is already provisioned";
      case REVOKING -> "is being revoked";
      default -> "is already being provisioned";
    };
    return new Submission.Refused(Map.of(Field.PIPELINE,
        "This pipeline " + what + " (request #" + live.id() + "). Use /dockerhub-user status "
            + live.spec().pipeline() + " to see it."));
  }
}

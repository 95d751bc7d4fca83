package org.webops.dockerhubbot.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.notices.Notice;
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

  private static final Logger log = LoggerFactory.getLogger(RequestService.class);

  private final RequestRepository requests;
  private final AuditLog audit;
  private final Approvers approvers;
  private final RequestValidator validator;
  private final ProjectLookup projects;
  private final CredentialKinds kinds;
  private final boolean dryRun;
  private final Clock clock;

  public RequestService(RequestRepository requests, AuditLog audit, Approvers approvers,
      RequestValidator validator, ProjectLookup projects, CredentialKinds kinds,
      boolean dryRun, Clock clock) {
    this.requests = requests;
    this.audit = audit;
    this.approvers = approvers;
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
              RequestNotices.variablesTaken(spec, owner))))
          .orElseGet(() -> new Submission.Refused(Map.of(Field.CIRCLECI_CONTEXT,
              "Another request for these variables was just made. Try again in a moment.")));
    }
  }

  public DecisionOutcome approve(long requestId, String userId) {
    return decide(requestId, userId, RequestState.APPROVED, Optional.empty());
  }

  public DecisionOutcome reject(long requestId, String userId, String reason) {
    return decide(requestId, userId, RequestState.REJECTED, Optional.of(reason.strip()));
  }

  private DecisionOutcome decide(
      long requestId, String userId, RequestState to, Optional<String> note) {
    Optional<ProvisioningRequest> found = requests.find(requestId);
    if (found.isEmpty()) {
      return new DecisionOutcome.NotFound(requestId);
    }
    ProvisioningRequest request = found.get();
    String verb = to == RequestState.APPROVED ? "approve" : "reject";
    Instant now = clock.instant();
    if (request.requester().equals(userId)) {
      audit.record(new AuditEvent(requestId, userId, verb.toUpperCase() + "_REFUSED",
          "own request", now));
      return new DecisionOutcome.NotAllowed(
          "You asked for request #" + requestId + " yourself, so another approver has to "
              + verb + " it.");
    }
    boolean approver;
    try {
      approver = approvers.isApprover(userId);
    } catch (ApproversUnavailableException e) {
      return new DecisionOutcome.NotAllowed(e.getMessage());
    } catch (RuntimeException e) {
      log.warn("Could not check whether {} is an approver: {}", userId, e.getMessage());
      return new DecisionOutcome.NotAllowed("I could not check the approver group with Slack just"
          + " now, so nothing changed. Please try again in a minute.");
    }
    if (!approver) {
      audit.record(new AuditEvent(requestId, userId, verb.toUpperCase() + "_REFUSED",
          "not an approver", now));
      return new DecisionOutcome.NotAllowed(
          "Only webops approvers can " + verb + " requests, and you are not one of them.");
    }
    if (request.state() != RequestState.PENDING_APPROVAL) {
      return new DecisionOutcome.AlreadyDecided(request);
    }
    Decision decision = new Decision(userId, now, note);
    AuditEvent event = new AuditEvent(requestId, userId, to.name(), note.orElse(""), now);
    Notice told = Notice.requester(requestId, to == RequestState.APPROVED
        ? RequestNotices.approved(request, userId) : RequestNotices.rejected(request, decision));
    if (!requests.transition(requestId, RequestState.PENDING_APPROVAL, to, decision, event,
        List.of(told))) {
      return new DecisionOutcome.AlreadyDecided(requests.find(requestId).orElse(request));
    }
    return new DecisionOutcome.Decided(requests.find(requestId).orElseThrow());
  }

  private static Submission pipelineTaken(ProvisioningRequest live) {
    String what = live.state() == RequestState.PENDING_APPROVAL
        ? "already waits for approval"
        : live.state() == RequestState.DONE ? "is already provisioned" : "is already being provisioned";
    return new Submission.Refused(Map.of(Field.PIPELINE,
        "This pipeline " + what + " (request #" + live.id() + "). Use /dockerhub-user status "
            + live.spec().pipeline() + " to see it."));
  }
}

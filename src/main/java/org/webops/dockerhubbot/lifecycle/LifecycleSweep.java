package org.webops.dockerhubbot.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.logs.LogContext;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.provisioning.Operation;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.Progress;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestRepository.Expiring;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * What happens by itself as time passes, looked at every minute by every instance and done once:
 * reminders claim a unique occurrence, expiry, lapse and automatic rotation are transitions
 * (compare-and-set). Driven by the injected clock, so tests move time instead of waiting.
 */
public final class LifecycleSweep {
  private static final Logger log = LoggerFactory.getLogger(LifecycleSweep.class);
  private static final int BATCH = 200;
  /** Reminders and rotations look this far ahead; beyond it nothing is due. */
  private static final Duration HORIZON = Duration.ofDays(30);

  private final RequestRepository requests;
  private final RunStore runs;
  private final Occurrences occurrences;
  private final CredentialActions actions;
  private final Progress progress;
  private final LifecycleSettings settings;
  private final Optional<String> approverGroup;
  private final Clock clock;

  public LifecycleSweep(RequestRepository requests, RunStore runs, Occurrences occurrences,
      CredentialActions actions, Progress progress, LifecycleSettings settings,
      Optional<String> approverGroup, Clock clock) {
    this.requests = requests;
    this.runs = runs;
    this.occurrences = occurrences;
    this.actions = actions;
    this.progress = progress;
    this.settings = settings;
    this.approverGroup = approverGroup;
    this.clock = clock;
  }

  /** One look at everything due now. */
  public void sweep() {
    Instant now = clock.instant();
    for (ProvisioningRequest pending
        : requests.inStates(EnumSet.of(RequestState.PENDING_APPROVAL), BATCH)) {
      try (LogContext.Scope scope = LogContext.request(pending.id())) {
        pending(pending, now);
      }
    }
    for (Expiring expiring : requests.expiringBefore(now.plus(HORIZON), BATCH)) {
      try (LogContext.Scope scope = LogContext.request(expiring.request().id())) {
        expiring(expiring.request(), expiring.expiresAt(), now);
      }
    }
  }

  private void pending(ProvisioningRequest request, Instant now) {
    Duration waited = Duration.between(request.createdAt(), now);
    if (waited.compareTo(settings.requestTtl()) >= 0) {
      if (requests.apply(request.id(), Transition.LAPSE, Move.ofBot(now, "no decision within "
          + settings.requestTtl()))) {
        log.info("Request #{} expired without a decision", request.id());
        progress.changed(request.id());
      }
      return;
    }
    String key = "pending-reminder:" + request.id() + ":";
    if (remindOnce(key, request.id(), LifecycleSettings.PENDING_REMINDERS, waited::compareTo, now,
        after -> List.of(Notice.thread(request.id(),
            new LifecycleEvent.PendingReminder(after, approverGroup.orElse("")))))) {
      progress.changed(request.id());
    }
  }

  private void expiring(ProvisioningRequest request, Instant expiresAt, Instant now) {
    if (request.dryRun()) {
      return;
    }
    if (!now.isBefore(expiresAt) && request.state() == RequestState.DONE) {
      if (requests.apply(request.id(), Transition.EXPIRE, Move.ofBot(now, "the token expired "
          + expiresAt))) {
        progress.changed(request.id());
      }
      return;
    }
    boolean rotationFailed = runs.latest(request.id()).filter(op -> op.kind()
        == OperationKind.ROTATE && op.status() == Operation.Status.FAILED).isPresent();
    if (settings.autoRotates() && !rotationFailed && request.state() == RequestState.DONE
        && !now.isBefore(expiresAt.minus(settings.autoRotateBefore()))) {
      if (actions.rotateAutomatically(request, expiresAt)) {
        log.info("Request #{}: rotating automatically, the token expires {}", request.id(),
            expiresAt);
      }
      return;
    }
    if (settings.autoRotates() && !rotationFailed || request.state() == RequestState.EXPIRED) {
      return;
    }
    String key = "expiry-reminder:" + request.id() + ":" + expiresAt.getEpochSecond() + ":";
    Duration left = Duration.between(now, expiresAt);
    if (remindOnce(key, request.id(), LifecycleSettings.EXPIRY_REMINDERS,
        before -> before.compareTo(left), now,
        before -> reminders(request, expiresAt, now, rotationFailed))) {
      progress.changed(request.id());
    }
  }

  /**
   * Sends the nearest reminder that is due, once; the earlier ones it makes unnecessary (a bot
   * that was down) are claimed without a word.
   *
   * @param due compares each reminder's offset with the time that has come: at least zero when
   *     it is due
   * @return whether a reminder was sent now
   */
  private boolean remindOnce(String key, long requestId, List<Duration> offsets,
      java.util.function.ToIntFunction<Duration> due, Instant now,
      java.util.function.Function<Duration, List<Notice>> notices) {
    List<Duration> passed = offsets.stream().filter(offset -> due.applyAsInt(offset) >= 0)
        .toList();
    if (passed.isEmpty()) {
      return false;
    }
    Duration nearest = passed.get(passed.size() - 1);
    AuditEvent audit = new AuditEvent(requestId, Move.BOT, "REMINDED", key.substring(0,
        key.indexOf(':')) + " " + nearest, now);
    if (!occurrences.claim(key + nearest, Optional.of(requestId), now, notices.apply(nearest),
        Optional.of(audit))) {
      return false;
    }
    passed.subList(0, passed.size() - 1).forEach(skipped -> occurrences.claim(key + skipped,
        Optional.of(requestId), now, List.of(), Optional.empty()));
    return true;
  }

  private static List<Notice> reminders(ProvisioningRequest request, Instant expiresAt,
      Instant now, boolean rotationFailed) {
    long daysLeft = Math.max(0, Duration.between(now, expiresAt).toDays());
    LifecycleEvent.ExpiryReminder reminder =
        new LifecycleEvent.ExpiryReminder(expiresAt, daysLeft, rotationFailed);
    return List.of(Notice.thread(request.id(), reminder), Notice.requester(request.id(), reminder));
  }
}

package org.webops.dockerhubbot.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.health.CredentialStatuses.Change;
import org.webops.dockerhubbot.health.CredentialStatuses.Known;
import org.webops.dockerhubbot.health.CredentialStatuses.Outcome;
import org.webops.dockerhubbot.health.CredentialStatuses.Recorded;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.workflow.Move;

/**
 * Checks the bot's own credentials at start-up and once every UTC day on each instance, with one
 * cheap call each, and shows the last result on {@code /health} ({@code checking} until the first
 * one). A change between ok and failing is stored with a compare-and-set shared by all instances,
 * so the approval channel hears of a failure once, and of its fix once, through the outbox. A
 * service that does not answer says nothing about the credential: {@code /health} shows it as
 * {@code unreachable}, nothing is posted, and this instance asks again after
 * {@link #RETRY_UNREACHABLE}. Driven by {@link #tick()} on the injected clock, so tests move
 * time instead of waiting.
 */
public final class CredentialHealth implements HealthCheck {
  private static final Logger log = LoggerFactory.getLogger(CredentialHealth.class);
  /** After an unanswered check this instance asks again so much later, not the next day. */
  static final Duration RETRY_UNREACHABLE = Duration.ofMinutes(15);
  public static final String FAILING = "CREDENTIAL_FAILING";
  public static final String FIXED = "CREDENTIAL_FIXED";

  /** What {@code /health} says of one credential. */
  public enum State {
    CHECKING, OK, FAILING, UNREACHABLE;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    boolean healthy() {
      return this == CHECKING || this == OK;
    }
  }

  /**
   * One credential's last result on this instance.
   *
   * @param since when it started failing (as all instances know it), for a failing one
   */
  public record Shown(State state, Optional<String> reason, Optional<Instant> checkedAt,
      Optional<Instant> since) {
    static final Shown CHECKING = new Shown(State.CHECKING, Optional.empty(), Optional.empty(),
        Optional.empty());

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("status", state.word());
      reason.ifPresent(words -> json.put("reason", words));
      since.ifPresent(at -> json.put("since", at.toString()));
      checkedAt.ifPresent(at -> json.put("checked_at", at.toString()));
      return json;
    }
  }

  private static final class Watched {
    final CredentialCheck check;
    volatile Shown shown = Shown.CHECKING;
    Instant nextDue = Instant.MIN;

    Watched(CredentialCheck check) {
      this.check = check;
    }
  }

  private final List<Watched> watched;
  private final CredentialStatuses statuses;
  private final Runnable nudge;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();

  /** @param nudge tells the outbox relay that a notice is waiting */
  public CredentialHealth(List<CredentialCheck> checks, CredentialStatuses statuses,
      Runnable nudge, Clock clock) {
    this.watched = checks.stream().map(Watched::new).toList();
    this.statuses = statuses;
    this.nudge = nudge;
    this.clock = clock;
  }

  /** Checks what is due: everything on the first call, then each credential once a UTC day. */
  public void tick() {
    if (!running.compareAndSet(false, true)) {
      return; // the previous tick is still asking
    }
    try {
      Instant now = clock.instant();
      for (Watched one : watched) {
        if (!now.isBefore(one.nextDue)) {
          check(one, now);
        }
      }
    } finally {
      running.set(false);
    }
  }

  private void check(Watched one, Instant now) {
    Credential credential = one.check.credential();
    Verdict verdict = one.check.check();
    Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS); // what /health shows
    State before = one.shown.state();
    if (verdict instanceof Verdict.Unreachable unreachable) {
      one.nextDue = now.plus(RETRY_UNREACHABLE);
      one.shown = new Shown(State.UNREACHABLE, Optional.of(unreachable.reason()), Optional.of(at),
          Optional.empty());
      log.warn("Could not check {}: {}; asking again in {} minutes", credential.key(),
          unreachable.reason(), RETRY_UNREACHABLE.toMinutes());
      return;
    }
    boolean ok = verdict instanceof Verdict.Ok;
    String reason = ok ? null : ((Verdict.Failing) verdict).reason();
    Outcome outcome;
    try {
      outcome = statuses.record(credential, ok, reason, at,
          previous -> change(credential, ok, reason, previous, at));
    } catch (RuntimeException e) {
      log.warn("Could not record the check of {}: {}", credential.key(), e.getMessage());
      one.nextDue = now.plus(RETRY_UNREACHABLE);
      one.shown = new Shown(ok ? State.OK : State.FAILING, Optional.ofNullable(reason),
          Optional.of(at), Optional.empty());
      return;
    }
    one.nextDue = nextUtcDay(now);
    one.shown = new Shown(ok ? State.OK : State.FAILING, Optional.ofNullable(reason),
        Optional.of(at), ok ? Optional.empty() : Optional.of(outcome.now().since()));
    String posted = outcome.recorded() == Recorded.CHANGED
        ? "; posted to the approval channel" : "";
    if (!ok) {
      log.warn("{} is failing: {}{}", credential.key(), reason, posted);
    } else if (before != State.OK && before != State.CHECKING || !posted.isEmpty()) {
      log.info("{} works again{}", credential.key(), posted);
    } else if (before == State.CHECKING) {
      log.info("{} is ok", credential.key());
    }
    if (outcome.recorded() == Recorded.CHANGED) {
      nudge.run();
    }
  }

  /** The notice and audit row of a change to {@code ok} from what was stored. */
  private static Change change(Credential credential, boolean ok, String reason,
      Optional<Known> previous, Instant at) {
    if (!ok) {
      return new Change(
          List.of(Notice.channel(new CredentialHealthChanged(credential, false, reason, at, at))),
          List.of(new AuditEvent(null, Move.BOT, FAILING, credential.key() + ": " + reason, at)));
    }
    Known failed = previous.orElseThrow(() -> new IllegalStateException("only a stored failure"
        + " can be fixed"));
    return new Change(
        List.of(Notice.channel(new CredentialHealthChanged(credential, true, failed.reason(),
            failed.since(), at))),
        List.of(new AuditEvent(null, Move.BOT, FIXED, credential.key() + ": works again, after"
            + " failing since " + failed.since() + " (" + failed.reason() + ")", at)));
  }

  static Instant nextUtcDay(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  @Override
  public String name() {
    return "credentials";
  }

  /** Ok unless one is failing or could not be checked; each credential as an object. */
  @Override
  public Status status() {
    Map<String, Object> shown = new LinkedHashMap<>();
    List<String> bad = new ArrayList<>();
    for (Watched one : watched) {
      Shown last = one.shown;
      shown.put(one.check.credential().key(), last.json());
      if (!last.state().healthy()) {
        bad.add(one.check.credential().key() + " " + last.state().word());
      }
    }
    return Status.of(bad.isEmpty(), bad.isEmpty() ? "ok" : String.join(", ", bad), shown);
  }
}

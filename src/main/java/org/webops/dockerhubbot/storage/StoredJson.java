package org.webops.dockerhubbot.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.webops.dockerhubbot.drift.DriftFinding;
import org.webops.dockerhubbot.drift.DriftReported;
import org.webops.dockerhubbot.health.CredentialHealthChanged;
import org.webops.dockerhubbot.lifecycle.LifecycleEvent;
import org.webops.dockerhubbot.notices.NoticeEvent;
import org.webops.dockerhubbot.notices.Prewritten;
import org.webops.dockerhubbot.provisioning.RunEvent;
import org.webops.dockerhubbot.secretlinks.LinkEvent;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.RequestMoved;

/**
 * Typed values kept as JSON in text columns: the outbox's events and the steps' details. Each
 * event has a stable name here, so that renaming a class never strands a stored notice.
 */
final class StoredJson {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static {
    JSON.registerSubtypes(
        new NamedType(Prewritten.class, "prewritten"),
        new NamedType(RequestMoved.class, "request_moved"),
        new NamedType(RunEvent.StepDone.class, "step_done"),
        new NamedType(RunEvent.StepWaiting.class, "step_waiting"),
        new NamedType(RunEvent.RunWaiting.class, "run_waiting"),
        new NamedType(RunEvent.StepFailed.class, "step_failed"),
        new NamedType(RunEvent.RunStopped.class, "run_stopped"),
        new NamedType(RunEvent.WentBack.class, "went_back"),
        new NamedType(RunEvent.SignUpSentAgain.class, "sign_up_sent_again"),
        new NamedType(LinkEvent.LinkOpened.class, "link_opened"),
        new NamedType(LinkEvent.LinkExpired.class, "link_expired"),
        new NamedType(LifecycleEvent.PendingReminder.class, "pending_reminder"),
        new NamedType(LifecycleEvent.ExpiryReminder.class, "expiry_reminder"),
        new NamedType(DriftReported.class, "drift_reported"),
        new NamedType(DriftFinding.OrgTokenMissing.class, "org_token_missing"),
        new NamedType(DriftFinding.OrgTokenInactive.class, "org_token_inactive"),
        new NamedType(DriftFinding.VariablesMissing.class, "variables_missing"),
        new NamedType(DriftFinding.NotInTeam.class, "not_in_team"),
        new NamedType(DriftFinding.OrphanToken.class, "orphan_token"),
        new NamedType(DriftFinding.UnknownTeamMember.class, "unknown_team_member"),
        new NamedType(CredentialHealthChanged.class, "credential_health_changed"));
  }

  private StoredJson() {}

  static String write(NoticeEvent event) {
    return write((Object) event);
  }

  static NoticeEvent event(String json) {
    return read(json, NoticeEvent.class);
  }

  static String write(Prose prose) {
    return write((Object) prose);
  }

  /** Stored prose; a detail written before details were typed is taken as plain words. */
  static Prose prose(String stored) {
    if (stored == null || stored.isEmpty()) {
      return Prose.of();
    }
    if (!stored.startsWith("{\"parts\"")) {
      return Prose.of(stored);
    }
    return read(stored, Prose.class);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored " + type.getSimpleName(), e);
    }
  }
}

package org.webops.dockerhubbot.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail. {@code detail} is free text for people; it must never carry a
 * password, token or link key.
 *
 * @param requestId the request this is about, or {@code null} for events without one
 * @param actor a Slack user id, or {@code "bot"} for the bot's own actions
 */
public record AuditEvent(Long requestId, String actor, String action, String detail, Instant at) {
  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(at, "at");
    detail = detail == null ? "" : detail;
  }
}

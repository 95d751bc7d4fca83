package org.webops.dockerhubbot.health;

import java.time.Instant;
import org.webops.dockerhubbot.notices.NoticeEvent;

/**
 * For the approval channel: a credential the bot depends on started failing, or works again.
 *
 * @param ok true when it works again
 * @param reason why it fails (words, never the value); for a fix, why it had failed
 * @param since when it started failing (for a fix: how long it was broken); for a failure, the
 *     check that found it
 */
public record CredentialHealthChanged(Credential credential, boolean ok, String reason,
    Instant since, Instant at) implements NoticeEvent {}

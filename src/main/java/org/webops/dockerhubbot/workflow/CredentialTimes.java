package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * When a credential's live token expires and when it was last rotated; empty before it exists
 * (and in dry run, where no token is made).
 */
public record CredentialTimes(Optional<Instant> expiresAt, Optional<Instant> rotatedAt) {
  public static CredentialTimes none() {
    return new CredentialTimes(Optional.empty(), Optional.empty());
  }
}

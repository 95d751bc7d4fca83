package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A personal access token ({@code accessToken} schema). {@code token} holds the secret only in
 * the answer to its creation; listed tokens have it empty. {@code toString()} hides it.
 */
public record PersonalAccessToken(
    @JsonProperty("uuid") String uuid,
    @JsonProperty("token_label") String label,
    @JsonProperty("scopes") List<String> scopes,
    @JsonProperty("is_active") boolean active,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("expires_at") Instant expiresAt,
    @JsonProperty("last_used") Instant lastUsed,
    @JsonProperty("token") String token) {

  /** True when the secret value is present (only right after creation). */
  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  @Override
  public String toString() {
    return "PersonalAccessToken[uuid=" + uuid + ", label=" + label + ", scopes=" + scopes
        + ", active=" + active + ", expiresAt=" + expiresAt + ", token="
        + (hasToken() ? "***" : "none") + "]";
  }
}

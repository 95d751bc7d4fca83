package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An organisation access token. {@code token} ({@code dckr_oat_…}) is present only in the answer
 * to its creation; {@code toString()} hides it.
 */
public record OrgAccessToken(
    @JsonProperty("id") String id,
    @JsonProperty("label") String label,
    @JsonProperty("is_active") boolean active,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("expires_at") Instant expiresAt,
    @JsonProperty("last_used_at") Instant lastUsedAt,
    @JsonProperty("resources") List<OrgTokenResource> resources,
    @JsonProperty("token") String token) {

  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  @Override
  public String toString() {
    return "OrgAccessToken[id=" + id + ", label=" + label + ", active=" + active + ", expiresAt="
        + expiresAt + ", resources=" + resources + ", token=" + (hasToken() ? "***" : "none") + "]";
  }
}

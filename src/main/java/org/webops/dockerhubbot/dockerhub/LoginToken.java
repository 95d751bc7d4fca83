package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.webops.dockerhubbot.http.Json;

/** A short-lived Docker Hub bearer token (JWT) and when it stops being valid. */
public record LoginToken(String value, Instant expiresAt) {

  /** Docker documents the access token as valid for 10 minutes. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  public LoginToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The token with its expiry read from the JWT {@code exp} claim, else now + 10 minutes. */
  static LoginToken of(String jwt, Instant now) {
    return new LoginToken(jwt, expiryOf(jwt).orElse(now.plus(DEFAULT_LIFETIME)));
  }

  static java.util.Optional<Instant> expiryOf(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return java.util.Optional.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode exp = Json.tree(new String(payload, StandardCharsets.UTF_8)).get("exp");
      return exp != null && exp.canConvertToLong()
          ? java.util.Optional.of(Instant.ofEpochSecond(exp.asLong()))
          : java.util.Optional.empty();
    } catch (Exception notAJwt) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "LoginToken[value=***, expiresAt=" + expiresAt + "]";
  }
}

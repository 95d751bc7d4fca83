package org.webops.dockerhubbot.provisioning;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Token values between their creation and the one-time link, in this process's memory only. A
 * token whose value is lost (a restart, another instance) is replaced, never recovered.
 */
public final class FreshTokens {

  /** A token just made: its id at Docker Hub and its value. {@code toString()} hides the value. */
  public record FreshToken(String id, String value) {
    @Override
    public String toString() {
      return "FreshToken[id=" + id + ", value=***]";
    }
  }

  private final Cache<Long, FreshToken> tokens;

  public FreshTokens(Duration keepAtMost) {
    this.tokens = Caffeine.newBuilder().expireAfterWrite(keepAtMost).maximumSize(10_000).build();
  }

  public void hold(long requestId, FreshToken token) {
    tokens.put(requestId, token);
  }

  /** The value of the token with this id, if this process made it for the request. */
  public Optional<FreshToken> get(long requestId, String tokenId) {
    return Optional.ofNullable(tokens.getIfPresent(requestId))
        .filter(token -> token.id().equals(tokenId));
  }

  public void forget(long requestId) {
    tokens.invalidate(requestId);
  }
}

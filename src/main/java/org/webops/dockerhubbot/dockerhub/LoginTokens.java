package org.webops.dockerhubbot.dockerhub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;

/**
 * The login tokens of every identity a client acts as, each kept until a minute before it
 * expires. Shared by the sessions {@link DockerHubClient#forCredential} makes.
 */
final class LoginTokens {

  /** A cached login token is dropped this long before its expiry. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final Cache<String, LoginToken> tokens;

  LoginTokens(Clock clock) {
    this.tokens = Caffeine.newBuilder()
        .ticker(() -> clock.millis() * 1_000_000L)
        .maximumSize(1_000)
        .expireAfter(Expiry.<String, LoginToken>creating((key, token) -> {
          Duration left =
              Duration.between(clock.instant(), token.expiresAt()).minus(EXPIRY_MARGIN);
          return left.isNegative() ? Duration.ZERO : left;
        }))
        .build();
  }

  /** The identity's cached token, else the one {@code login} gets (and which is then cached). */
  LoginToken get(DockerHubCredential identity, Function<DockerHubCredential, LoginToken> login) {
    return tokens.get(cacheKey(identity), key -> login.apply(identity));
  }

  /** Drops the identity's token, then caches the one {@code login} gets. */
  void renew(DockerHubCredential identity, Function<DockerHubCredential, LoginToken> login) {
    String key = cacheKey(identity);
    tokens.invalidate(key);
    tokens.put(key, login.apply(identity));
  }

  /** Drops the token if it is still the identity's cached one (Docker Hub refused it). */
  void drop(DockerHubCredential identity, LoginToken token) {
    tokens.asMap().remove(cacheKey(identity), token);
  }

  /** Identity plus a digest of the secret, so that a changed secret never reuses a token. */
  static String cacheKey(DockerHubCredential identity) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(identity.secret().getBytes(StandardCharsets.UTF_8));
      return identity.getClass().getSimpleName() + ":"
          + identity.identifier().toLowerCase(Locale.ROOT) + ":"
          + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

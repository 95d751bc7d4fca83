package org.webops.dockerhubbot.secretlinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.logs.LogContext;

/**
 * Creates and claims one-time secret links (docs/design-notes.md). Each link gets a fresh random
 * AES-256-GCM key; only the ciphertext and IV are stored, the key travels in the link's fragment
 * and is forgotten here as soon as {@link #create} returns. The link id is bound to the ciphertext
 * as additional authenticated data, so a ciphertext cannot be replayed under another link.
 */
public final class SecretLinks {
  private static final Logger log = LoggerFactory.getLogger(SecretLinks.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  static final String ACTOR = "bot";
  static final String CLAIM_ACTOR = "link-holder";

  private final SecretLinkStore store;
  private final AuditLog audit;
  private final SecretLinkEvents events;
  private final Clock clock;
  private final SecureRandom random;
  private final String baseUrl;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param publicBaseUrl {@code PUBLIC_BASE_URL}, for example {@code https://bot.example.org}; a
   *     trailing slash is ignored
   */
  public SecretLinks(
      SecretLinkStore store,
      AuditLog audit,
      SecretLinkEvents events,
      Clock clock,
      SecureRandom random,
      String publicBaseUrl) {
    this.store = Objects.requireNonNull(store);
    this.audit = Objects.requireNonNull(audit);
    this.events = Objects.requireNonNull(events);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    String base = URI.create(Objects.requireNonNull(publicBaseUrl, "publicBaseUrl")).toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * Encrypts {@code payload} under a fresh key, stores the ciphertext and returns the link.
   *
   * @param audienceUserId the Slack user the link is meant for (recorded, not enforced: the page
   *     has no Slack login)
   */
  public SecretLink create(
      SecretPayload payload, String audienceUserId, long requestId, Duration ttl) {
    return create(payload, audienceUserId, requestId, ttl, Optional.empty());
  }

  /**
   * As {@link #create(SecretPayload, String, long, Duration)}, and in the same transaction voids
   * the request's unclaimed links titled {@code replacing}: a secret handed out again is then
   * claimable through the newest link only.
   */
  public SecretLink create(SecretPayload payload, String audienceUserId, long requestId,
      Duration ttl, Optional<String> replacing) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(audienceUserId, "audienceUserId");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    String id = randomBase64Url(16);
    byte[] key = new byte[AesGcm.KEY_BYTES];
    byte[] iv = new byte[AesGcm.IV_BYTES];
    random.nextBytes(key);
    random.nextBytes(iv);
    byte[] plaintext = serialise(payload);
    byte[] ciphertext = AesGcm.encrypt(key, iv, plaintext, aad(id));
    java.util.Arrays.fill(plaintext, (byte) 0);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl);
    store.insert(
        new SecretLinkStore.NewLink(
            id, requestId, audienceUserId, payload.title(), payload.pipeline(), ciphertext, iv,
            now, expiresAt), replacing);
    URI url = URI.create(baseUrl + "/s/" + id + "#" + base64Url(key));
    java.util.Arrays.fill(key, (byte) 0);
    audit.record(
        new AuditEvent(
            requestId, ACTOR, "secret-link-created",
            "one-time link " + id + " for <@" + audienceUserId + ">, expires " + expiresAt
                + replacing.map(title -> "; earlier unclaimed \"" + title + "\" links voided")
                    .orElse(""), now));
    log.info("created secret link {} for request {}, expires {}", id, requestId, expiresAt);
    try {
      events.created(requestId);
    } catch (RuntimeException e) {
      log.warn("created-event for link {} failed: {}", id, e.toString());
    }
    return new SecretLink(id, url, requestId, audienceUserId, expiresAt);
  }

  /** Ends the request's unclaimed links (a revocation): nothing of it stays claimable. */
  public int expireUnclaimed(long requestId) {
    Instant now = clock.instant();
    int ended = store.expireUnclaimed(requestId, now);
    if (ended > 0) {
      audit.record(new AuditEvent(requestId, ACTOR, "secret-links-ended", ended
          + " unclaimed link(s) ended", now));
    }
    return ended;
  }

  /** Whether a newer link voided this one (which has not expired yet). */
  public boolean isReplaced(String id) {
    return isWellFormedId(id) && store.isReplaced(id, clock.instant());
  }

  /** What the page may say before Reveal; empty for unknown, claimed and expired ids alike. */
  public Optional<SecretLinkStore.LinkInfo> find(String id) {
    if (!isWellFormedId(id)) {
      return Optional.empty();
    }
    return store.findClaimable(id, clock.instant());
  }

  /**
   * Hands out the ciphertext once. Records an audit row and fires {@link SecretLinkEvents#claimed}
   * for the single winner; empty for everyone else.
   *
   * @param clientAddress recorded in the audit row (an address is not a secret)
   */
  public Optional<Claimed> claim(String id, String clientAddress) {
    if (!isWellFormedId(id)) {
      return Optional.empty();
    }
    Optional<SecretLinkStore.ClaimedLink> claimed = store.claim(id, clock.instant());
    claimed.ifPresent(
        c -> {
          try (LogContext.Scope scope = LogContext.request(c.requestId())) {
            recordClaim(c, clientAddress);
          }
        });
    return claimed.map(c -> new Claimed(base64Url(c.ciphertext()), base64Url(c.iv())));
  }

  private void recordClaim(SecretLinkStore.ClaimedLink c, String clientAddress) {
    audit.record(
        new AuditEvent(
            c.requestId(), CLAIM_ACTOR, "secret-link-claimed",
            "one-time link " + c.id() + " revealed from " + clientAddress, c.claimedAt()));
    log.info("secret link {} of request {} claimed", c.id(), c.requestId());
    try {
      events.claimed(c.requestId(), c.id(), c.claimedAt());
    } catch (RuntimeException e) {
      log.warn("claimed-event for link {} failed: {}", c.id(), e.toString());
    }
  }

  static boolean isWellFormedId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The additional authenticated data that binds a ciphertext to its link id. */
  static byte[] aad(String id) {
    return ("secret-link:" + id).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] serialise(SecretPayload payload) {
    try {
      return json.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      // Jackson's message could quote the value; never pass it on.
      throw new IllegalStateException("could not serialise the secret payload");
    }
  }

  private String randomBase64Url(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return base64Url(b);
  }

  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Base64url (no padding) ciphertext-with-tag and IV, as the page's script expects them. */
  public record Claimed(String ciphertext, String iv) {
    @Override
    public String toString() {
      return "Claimed[…]";
    }
  }
}

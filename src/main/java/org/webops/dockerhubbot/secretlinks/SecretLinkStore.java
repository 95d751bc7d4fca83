package org.webops.dockerhubbot.secretlinks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of one-time links. Implementations store ciphertext and IV only; the key never reaches
 * them. {@link #claim} has a single winner even across threads and instances.
 */
public interface SecretLinkStore {

  /**
   * Stores the link; when {@code replacing} names a title, first voids (in the same transaction)
   * the request's unclaimed links with that title: their ciphertext is cleared and they count as
   * replaced.
   */
  void insert(NewLink link, Optional<String> replacing);

  /**
   * Metadata of a link that is neither claimed, replaced nor expired at {@code now}; consumes
   * nothing.
   */
  Optional<LinkInfo> findClaimable(String id, Instant now);

  /**
   * Ends every unclaimed link of the request now (its ciphertext cleared, its expiry now), as
   * when the credential is revoked; says how many.
   */
  int expireUnclaimed(long requestId, Instant now);

  /** Whether the link was voided by a newer one and has not yet expired. */
  boolean isReplaced(String id, Instant now);

  /**
   * Hands out the ciphertext once: marks the link claimed and clears its ciphertext in the same
   * transaction. Empty for an unknown, already claimed or expired link.
   */
  Optional<ClaimedLink> claim(String id, Instant now);

  /** Deletes every link whose expiry is at or before {@code now}, and says which went. */
  List<PurgedLink> purgeExpired(Instant now);

  record NewLink(
      String id,
      long requestId,
      String audience,
      String title,
      String pipeline,
      byte[] ciphertext,
      byte[] iv,
      Instant createdAt,
      Instant expiresAt) {
    @Override
    public String toString() {
      return "NewLink[id=" + id + ", requestId=" + requestId + ", expiresAt=" + expiresAt + "]";
    }
  }

  record LinkInfo(
      String id, long requestId, String audience, String title, String pipeline,
      Instant expiresAt) {}

  record ClaimedLink(String id, long requestId, byte[] ciphertext, byte[] iv, Instant claimedAt) {
    @Override
    public String toString() {
      return "ClaimedLink[id=" + id + ", requestId=" + requestId + ", claimedAt=" + claimedAt + "]";
    }
  }

  /**
   * @param wasClaimed false when the link expired without anyone revealing it
   * @param wasReplaced true when a newer link had voided it
   */
  record PurgedLink(
      String id, long requestId, String title, String pipeline, boolean wasClaimed,
      boolean wasReplaced) {}
}

package org.webops.dockerhubbot.secretlinks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of one-time links. Implementations store ciphertext and IV only; the key never reaches
 * them. {@link #claim} has a single winner even across threads and instances.
 */
public interface SecretLinkStore {

  void insert(NewLink link);

  /** Metadata of a link that is neither claimed nor expired at {@code now}; consumes nothing. */
  Optional<LinkInfo> findClaimable(String id, Instant now);

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

  /** @param wasClaimed false when the link expired without anyone revealing it */
  record PurgedLink(
      String id, long requestId, String title, String pipeline, boolean wasClaimed) {}
}

package org.webops.dockerhubbot.secretlinks;

import java.net.URI;
import java.time.Instant;

/**
 * A freshly created one-time link. {@link #url()} carries the decryption key in its fragment: hand
 * it to exactly one person and never log it. {@link #toString()} leaves the fragment out.
 */
public record SecretLink(String id, URI url, long requestId, String audience, Instant expiresAt) {

  /** The link without its fragment: safe for logs and audit rows, useless for revealing. */
  public String redactedUrl() {
    String s = url.toString();
    int hash = s.indexOf('#');
    return (hash < 0 ? s : s.substring(0, hash)) + "#…";
  }

  @Override
  public String toString() {
    return "SecretLink[id=" + id + ", url=" + redactedUrl() + ", requestId=" + requestId
        + ", audience=" + audience + ", expiresAt=" + expiresAt + "]";
  }
}

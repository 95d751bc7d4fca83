package org.webops.dockerhubbot.secretlinks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * At-rest encryption for the little material that must outlive a one-time link, such as a service
 * user's password (needed to rotate its token later). AES-256-GCM under {@code DATA_ENCRYPTION_KEY};
 * stored as {@code v1:<base64(iv || ciphertext || tag)>}.
 *
 * <p>Without a key the bot still runs: {@link #isAvailable()} is false and every encrypt or decrypt
 * throws {@link KeyMissingException}, whose message can be shown to people as is.
 */
public final class DataEncryption {
  private static final String PREFIX = "v1:";
  private static final byte[] AAD = "dockerhub-user-bot/data/v1".getBytes(StandardCharsets.UTF_8);

  private final Optional<byte[]> key;
  private final SecureRandom random;

  public DataEncryption(Optional<byte[]> key, SecureRandom random) {
    key.ifPresent(
        k -> {
          if (k.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException(
                "DATA_ENCRYPTION_KEY must be 32 bytes (base64 of 32 random bytes), got "
                    + k.length);
          }
        });
    this.key = key.map(byte[]::clone);
    this.random = random;
  }

  public DataEncryption(Optional<byte[]> key) {
    this(key, new SecureRandom());
  }

  /**
   * Decodes a {@code DATA_ENCRYPTION_KEY} value (standard or URL-safe base64 of 32 bytes). Blank
   * means no key. The exception message never echoes the value.
   */
  public static Optional<byte[]> parseKey(String base64) {
    if (base64 == null || base64.isBlank()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      String s = base64.trim();
      bytes = s.contains("-") || s.contains("_")
          ? Base64.getUrlDecoder().decode(s)
          : Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DATA_ENCRYPTION_KEY is not valid base64");
    }
    if (bytes.length != AesGcm.KEY_BYTES) {
      throw new IllegalArgumentException(
          "DATA_ENCRYPTION_KEY must decode to 32 bytes, got " + bytes.length);
    }
    return Optional.of(bytes);
  }

  public boolean isAvailable() {
    return key.isPresent();
  }

  public String encrypt(String plaintext) {
    byte[] k = requireKey();
    byte[] iv = new byte[AesGcm.IV_BYTES];
    random.nextBytes(iv);
    byte[] ct = AesGcm.encrypt(k, iv, plaintext.getBytes(StandardCharsets.UTF_8), AAD);
    byte[] out = new byte[iv.length + ct.length];
    System.arraycopy(iv, 0, out, 0, iv.length);
    System.arraycopy(ct, 0, out, iv.length, ct.length);
    return PREFIX + Base64.getEncoder().encodeToString(out);
  }

  /**
   * @throws IllegalArgumentException when the stored value is malformed, altered, or was encrypted
   *     under another key
   */
  public String decrypt(String stored) {
    byte[] k = requireKey();
    if (stored == null || !stored.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a v1 encrypted value");
    }
    byte[] all;
    try {
      all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("encrypted value is not valid base64");
    }
    if (all.length < AesGcm.IV_BYTES + 16) {
      throw new IllegalArgumentException("encrypted value is too short");
    }
    byte[] iv = Arrays.copyOfRange(all, 0, AesGcm.IV_BYTES);
    byte[] ct = Arrays.copyOfRange(all, AesGcm.IV_BYTES, all.length);
    try {
      return new String(AesGcm.decrypt(k, iv, ct, AAD), StandardCharsets.UTF_8);
    } catch (AesGcm.TamperedException e) {
      throw new IllegalArgumentException(
          "encrypted value failed authentication: altered, or DATA_ENCRYPTION_KEY changed");
    }
  }

  private byte[] requireKey() {
    return key.orElseThrow(KeyMissingException::new);
  }

  @Override
  public String toString() {
    return "DataEncryption[key=" + (key.isPresent() ? "set" : "missing") + "]";
  }

  /** No {@code DATA_ENCRYPTION_KEY}: service-user requests cannot be served. */
  public static final class KeyMissingException extends IllegalStateException {
    public static final String MESSAGE =
        "DATA_ENCRYPTION_KEY is not set, so the bot cannot keep a service user's password "
            + "encrypted at rest. Service-user requests need it: ask an operator to set "
            + "DATA_ENCRYPTION_KEY (base64 of 32 random bytes), or request an organisation "
            + "access token instead.";

    public KeyMissingException() {
      super(MESSAGE);
    }
  }
}

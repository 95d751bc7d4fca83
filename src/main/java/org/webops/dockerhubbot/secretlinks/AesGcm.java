package org.webops.dockerhubbot.secretlinks;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 12-byte IV and a 128-bit tag appended to the ciphertext (as WebCrypto). */
final class AesGcm {
  static final int KEY_BYTES = 32;
  static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private AesGcm() {}

  static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext, byte[] aad) {
    return run(Cipher.ENCRYPT_MODE, key, iv, plaintext, aad);
  }

  /** Throws {@link TamperedException} when the tag does not match (wrong key, IV, AAD or data). */
  static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext, byte[] aad) {
    return run(Cipher.DECRYPT_MODE, key, iv, ciphertext, aad);
  }

  private static byte[] run(int mode, byte[] key, byte[] iv, byte[] input, byte[] aad) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new TamperedException();
    } catch (GeneralSecurityException e) {
      // The message of a JCE exception never carries key material, but keep it short anyway.
      throw new IllegalStateException("AES-GCM failed: " + e.getClass().getSimpleName());
    }
  }

  /** Authentication failed: the data was altered or the key is wrong. */
  static final class TamperedException extends RuntimeException {
    TamperedException() {
      super("ciphertext failed authentication (tampered, or wrong key)");
    }
  }
}

package org.webops.dockerhubbot.secretlinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataEncryptionTest {
  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @Test
  void decrypt_ofEncrypted_returnsPlaintext() {
    // given
    DataEncryption encryption = new DataEncryption(Optional.of(randomKey()));
    // when
    String stored = encryption.encrypt("s3cret-Pässword");
    // then
    assertTrue(stored.startsWith("v1:"));
    assertFalse(stored.contains("s3cret"));
    assertNotEquals(stored, encryption.encrypt("s3cret-Pässword"), "fresh IV each time");
    assertEquals("s3cret-Pässword", encryption.decrypt(stored));
  }

  @Test
  void decrypt_tamperedCiphertext_fails() {
    // given
    DataEncryption encryption = new DataEncryption(Optional.of(randomKey()));
    byte[] raw = Base64.getDecoder().decode(encryption.encrypt("password").substring(3));
    raw[raw.length - 1] ^= 1;
    String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
    // when / then
    var e = assertThrows(IllegalArgumentException.class, () -> encryption.decrypt(tampered));
    assertTrue(e.getMessage().contains("failed authentication"));
  }

  @Test
  void decrypt_underAnotherKey_fails() {
    // given
    String stored = new DataEncryption(Optional.of(randomKey())).encrypt("password");
    DataEncryption other = new DataEncryption(Optional.of(randomKey()));
    // when / then
    assertThrows(IllegalArgumentException.class, () -> other.decrypt(stored));
  }

  @Test
  void encrypt_withoutKey_throwsClearMessageNamingTheVariable() {
    // given
    DataEncryption encryption = new DataEncryption(Optional.empty());
    // when
    var e = assertThrows(IllegalStateException.class, () -> encryption.encrypt("password"));
    // then
    assertFalse(encryption.isAvailable());
    assertTrue(e instanceof DataEncryption.KeyMissingException);
    assertTrue(e.getMessage().contains("DATA_ENCRYPTION_KEY"), e.getMessage());
    assertTrue(e.getMessage().contains("Service-user requests need it"), e.getMessage());
    assertThrows(DataEncryption.KeyMissingException.class, () -> encryption.decrypt("v1:AAAA"));
  }

  @Test
  void parseKey_values_acceptsOnly32Bytes() {
    // given
    byte[] key = randomKey();
    // when / then
    assertEquals(Optional.empty(), DataEncryption.parseKey("  "));
    assertEquals(32, DataEncryption.parseKey(Base64.getEncoder().encodeToString(key)).get().length);
    assertEquals(
        32, DataEncryption.parseKey(Base64.getUrlEncoder().encodeToString(key)).get().length);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DataEncryption.parseKey(Base64.getEncoder().encodeToString(new byte[16])));
    assertTrue(e.getMessage().contains("32 bytes"));
    assertThrows(IllegalArgumentException.class, () -> DataEncryption.parseKey("not base64!"));
    assertThrows(
        IllegalArgumentException.class, () -> new DataEncryption(Optional.of(new byte[31])));
  }

  @Test
  void toString_withKey_doesNotPrintIt() {
    assertEquals("DataEncryption[key=set]", new DataEncryption(Optional.of(randomKey())).toString());
  }
}

package org.webops.dockerhubbot.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature ({@code v0=} HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the
 * signing secret) and its timestamp, checked on the raw body before anything reads it. Bolt
 * checks the same after parsing; checking first means a forged or replayed request is refused
 * without its body ever being parsed or logged.
 */
public final class RequestSignature {
  /** Slack's own limit: older (or later) timestamps are replays. */
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  private final SecretKeySpec key;
  private final Clock clock;

  public RequestSignature(String signingSecret, Clock clock) {
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.clock = clock;
  }

  /** Whether the signature and timestamp headers fit this exact body now. */
  public boolean isValid(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || !signature.startsWith("v0=")
        || signature.length() > 100 || timestamp.length() > 20) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(clock.instant().getEpochSecond() - seconds) > MAX_AGE.toSeconds()) {
      return false;
    }
    byte[] expected = ("v0=" + HexFormat.of().formatHex(mac(timestamp.strip(), body)))
        .getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] mac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

package org.webops.dockerhubbot.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What one drift check found, sorted by key so that the same differences always make the same
 * report and the same {@link #fingerprint()}.
 */
public record DriftReport(List<DriftFinding> findings, Instant checkedAt) {

  public DriftReport {
    findings = findings.stream().sorted(Comparator.comparing(DriftFinding::key)).toList();
  }

  public boolean clean() {
    return findings.isEmpty();
  }

  /** SHA-256 of the sorted keys: equal for equal differences, whenever they were found. */
  public String fingerprint() {
    return fingerprintOf(findings.stream().map(DriftFinding::key).toList());
  }

  /** The keys, one a line, as stored with the report. */
  public String keys() {
    return String.join("\n", findings.stream().map(DriftFinding::key).toList());
  }

  /** The fingerprint of a report that found nothing: what there is before any report. */
  public static String cleanFingerprint() {
    return fingerprintOf(List.of());
  }

  private static String fingerprintOf(List<String> keys) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(String.join("\n", keys)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}

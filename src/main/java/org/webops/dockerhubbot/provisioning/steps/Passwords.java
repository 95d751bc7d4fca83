package org.webops.dockerhubbot.provisioning.steps;

import java.security.SecureRandom;

/** Strong random passwords for service users. */
final class Passwords {
  static final int LENGTH = 32;
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "-_.!@#%+=";
  private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;

  private final SecureRandom random;

  Passwords(SecureRandom random) {
    this.random = random;
  }

  /** 32 characters from a CSPRNG with at least one of each kind (about 195 bits). */
  String generate() {
    while (true) {
      char[] password = new char[LENGTH];
      for (int i = 0; i < LENGTH; i++) {
        password[i] = ALL.charAt(random.nextInt(ALL.length()));
      }
      String candidate = new String(password);
      if (containsAny(candidate, LOWER) && containsAny(candidate, UPPER)
          && containsAny(candidate, DIGITS) && containsAny(candidate, SYMBOLS)) {
        return candidate;
      }
    }
  }

  private static boolean containsAny(String text, String characters) {
    return text.chars().anyMatch(c -> characters.indexOf(c) >= 0);
  }
}

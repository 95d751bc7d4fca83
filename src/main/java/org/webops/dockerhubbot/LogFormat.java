package org.webops.dockerhubbot;

import java.util.Locale;

/** {@code LOG_FORMAT}: the readable lines (default) or one JSON object per line. */
public enum LogFormat {
  TEXT, JSON;

  /** For {@link Config}: {@code text} or {@code json}, in any case; anything else is refused. */
  static LogFormat parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new IllegalArgumentException("expected text or json");
    };
  }

  /**
   * For {@link LogSetup}, which runs before the configuration is validated: unset or unknown is
   * the readable format, in which {@link Config}'s refusal of an unknown value is then printed.
   */
  static LogFormat orText(String value) {
    try {
      return value == null ? TEXT : parse(value);
    } catch (IllegalArgumentException e) {
      return TEXT;
    }
  }
}

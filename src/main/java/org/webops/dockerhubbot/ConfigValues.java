package org.webops.dockerhubbot;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Pattern;

/** How each kind of setting is read; a bad value throws with what was expected, never the value. */
final class ConfigValues {
  private ConfigValues() {}

  static int parsePort(String value) {
    int port = Integer.parseInt(value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("expected a port number from 0 to 65535");
    }
    return port;
  }

  static int parseHops(String value) {
    int hops = Integer.parseInt(value);
    if (hops < 0 || hops > 10) {
      throw new IllegalArgumentException("expected how many proxies are in front, from 0 to 10");
    }
    return hops;
  }

  static URI parseHttpUrl(String value) {
    URI uri = URI.create(value);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an absolute http:// or https:// URL");
    }
    return uri;
  }

  static String parseEmailTemplate(String value) {
    if (!value.contains("{id}") || !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new IllegalArgumentException("expected an e-mail address containing {id}, such as webops+{id}@example.org");
    }
    return value;
  }

  static Secret parseDataKey(String value) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected base64 (generate one with: openssl rand -base64 32)");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("expected 32 bytes after base64 decoding, got " + key.length);
    }
    return new Secret(value.trim());
  }

  /** At least 16 characters, none of them white space: it travels in a header. */
  static Secret parseMetricsToken(String value) {
    if (value.length() < 16 || !value.chars().noneMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("expected at least 16 characters without spaces"
          + " (generate one with: openssl rand -hex 32)");
    }
    return new Secret(value);
  }

  static Duration parseTtl(String value) {
    Duration ttl;
    try {
      ttl = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected an ISO-8601 duration such as PT24H");
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("expected a duration above zero and at most 7 days (P7D)");
    }
    return ttl;
  }

  static boolean parseBoolean(String value) {
    return switch (value.trim().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  static Function<String, Secret> prefixed(String prefix) {
    return value -> {
      if (!value.startsWith(prefix)) {
        throw new IllegalArgumentException("expected a value starting with " + prefix);
      }
      return new Secret(value);
    };
  }

  static Function<String, String> matching(Pattern pattern, String expected) {
    return value -> {
      if (!pattern.matcher(value).matches()) {
        throw new IllegalArgumentException("expected " + expected);
      }
      return value;
    };
  }

  static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** An ISO-8601 duration from {@code min} to {@code max}, both included. */
  static Function<String, Duration> duration(Duration min, Duration max, String range) {
    return value -> {
      Duration duration;
      try {
        duration = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expected an ISO-8601 duration " + range);
      }
      if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
        throw new IllegalArgumentException("expected a duration " + range);
      }
      return duration;
    };
  }
}

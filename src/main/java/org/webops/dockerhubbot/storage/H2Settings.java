package org.webops.dockerhubbot.storage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings every H2 database is opened with, whatever the URL a user gave already carries.
 *
 * <p>H2 keeps no redo log: with its default write delay (500 ms) a committed transaction lives
 * only in memory until a background writer flushes it, so a process killed with {@code kill -9}
 * loses the last half second of acknowledged work. {@code WRITE_DELAY=0} writes each commit to
 * the file before the commit returns. H2 does not fsync, so this protects against the process
 * dying, not against the machine losing power; production belongs on PostgreSQL.
 */
final class H2Settings {
  private static final String PREFIX = "jdbc:h2:";
  /** Added when the URL does not set them. */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    // PostgreSQL mode keeps H2 close to production.
    DEFAULTS.put("MODE", "PostgreSQL");
    DEFAULTS.put("DATABASE_TO_LOWER", "TRUE");
    DEFAULTS.put("DEFAULT_NULL_ORDERING", "HIGH");
    // On SIGTERM the application closes the pool itself, after its executors have finished;
    // H2's own shutdown hook would close the file first.
    DEFAULTS.put("DB_CLOSE_ON_EXIT", "FALSE");
  }
  /** Set whatever the URL says: a commit the bot has acted on must survive the process. */
  private static final String WRITE_DELAY = "WRITE_DELAY";

  private H2Settings() {}

  /** The URL with the settings applied; URLs of other databases come back unchanged. */
  static String apply(String jdbcUrl) {
    if (!jdbcUrl.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return jdbcUrl;
    }
    int semicolon = jdbcUrl.indexOf(';');
    String location = semicolon < 0 ? jdbcUrl : jdbcUrl.substring(0, semicolon);
    Map<String, String> settings = new LinkedHashMap<>();
    if (semicolon >= 0) {
      for (String setting : jdbcUrl.substring(semicolon + 1).split(";")) {
        if (setting.isBlank()) {
          continue;
        }
        int equals = setting.indexOf('=');
        String key = (equals < 0 ? setting : setting.substring(0, equals)).strip()
            .toUpperCase(Locale.ROOT);
        settings.put(key, equals < 0 ? "" : setting.substring(equals + 1));
      }
    }
    DEFAULTS.forEach(settings::putIfAbsent);
    if (!inMemory(location)) {
      settings.put(WRITE_DELAY, "0");
    }
    StringBuilder url = new StringBuilder(location);
    settings.forEach((key, value) -> url.append(';').append(key).append('=').append(value));
    return url.toString();
  }

  private static boolean inMemory(String location) {
    return location.toLowerCase(Locale.ROOT).contains("mem:");
  }
}

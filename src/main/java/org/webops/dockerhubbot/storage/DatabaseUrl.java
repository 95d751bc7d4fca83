package org.webops.dockerhubbot.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A JDBC URL with its credentials held apart, parsed from {@code DATABASE_URL}: either a
 * {@code jdbc:} URL as is, or a Heroku/Cloud Foundry style {@code postgres://user:pass@host/db}.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> username, Optional<String> password) {

  public static final String DEFAULT_H2 = "jdbc:h2:file:./data/dockerhub-user-bot";

  public static DatabaseUrl parse(String value) {
    if (value == null || value.isBlank()) {
      return new DatabaseUrl(DEFAULT_H2, Optional.empty(), Optional.empty());
    }
    if (value.startsWith("jdbc:h2:") || value.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(value, Optional.empty(), Optional.empty());
    }
    if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
      URI uri;
      try {
        uri = URI.create(value);
      } catch (IllegalArgumentException e) {
        // The JDK's message quotes the URL, password included.
        throw new IllegalArgumentException("expected postgres://user:password@host:port/database");
      }
      if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
        throw new IllegalArgumentException("expected postgres://user:password@host:port/database");
      }
      String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      String jdbc = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
      Optional<String> user = Optional.empty();
      Optional<String> pass = Optional.empty();
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = Optional.of(decode(parts[0]));
        if (parts.length == 2) {
          pass = Optional.of(decode(parts[1]));
        }
      }
      return new DatabaseUrl(jdbc, user, pass);
    }
    throw new IllegalArgumentException(
        "expected a jdbc:h2:, jdbc:postgresql: or postgres:// URL");
  }

  /** An H2 database inside this process: no other instance can share it. */
  public boolean isEmbedded() {
    return jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:h2:mem:")
        || jdbcUrl.startsWith("jdbc:h2:./") || jdbcUrl.startsWith("jdbc:h2:~");
  }

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "DatabaseUrl[" + jdbcUrl + (username.isPresent() ? ", user=" + username.get() : "") + "]";
  }
}

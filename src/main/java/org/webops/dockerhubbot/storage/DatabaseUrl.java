package org.webops.dockerhubbot.storage;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL with its credentials held apart, parsed from {@code DATABASE_URL}: a {@code jdbc:}
 * URL, or a Heroku/Cloud Foundry style {@code postgres://user:pass@host/db}. A user name and
 * password found in the URL ({@code ?user=…&password=…} for PostgreSQL, {@code ;USER=…;PASSWORD=…}
 * for H2, or the userinfo of {@code postgres://}) are taken out of it, so that the URL that reaches
 * the pool, the drivers and any log line carries neither.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> username, Optional<String> password) {

  public static final String DEFAULT_H2 = "jdbc:h2:file:./data/dockerhub-user-bot";
  private static final Pattern H2_CREDENTIAL =
      Pattern.compile(";\\s*(USER|PASSWORD)\\s*=([^;]*)", Pattern.CASE_INSENSITIVE);

  public static DatabaseUrl parse(String value) {
    if (value == null || value.isBlank()) {
      return new DatabaseUrl(DEFAULT_H2, Optional.empty(), Optional.empty());
    }
    if (value.startsWith("jdbc:h2:")) {
      return h2(value);
    }
    if (value.startsWith("jdbc:postgresql:")) {
      return postgres(value);
    }
    if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
      return heroku(value);
    }
    throw new IllegalArgumentException(
        "expected a jdbc:h2:, jdbc:postgresql: or postgres:// URL");
  }

  private static DatabaseUrl h2(String value) {
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    Matcher credential = H2_CREDENTIAL.matcher(value);
    while (credential.find()) {
      if (credential.group(1).equalsIgnoreCase("USER")) {
        user = Optional.of(credential.group(2));
      } else {
        password = Optional.of(credential.group(2));
      }
    }
    return new DatabaseUrl(H2_CREDENTIAL.matcher(value).replaceAll(""), user, password);
  }

  private static DatabaseUrl postgres(String value) {
    int query = value.indexOf('?');
    if (query < 0) {
      return new DatabaseUrl(value, Optional.empty(), Optional.empty());
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    List<String> kept = new ArrayList<>();
    for (String parameter : value.substring(query + 1).split("&")) {
      String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
      String given = parameter.contains("=") ? decode(parameter.split("=", 2)[1]) : "";
      switch (name) {
        case "user" -> user = Optional.of(given);
        case "password" -> password = Optional.of(given);
        default -> {
          if (!parameter.isEmpty()) {
            kept.add(parameter);
          }
        }
      }
    }
    String base = value.substring(0, query);
    return new DatabaseUrl(kept.isEmpty() ? base : base + "?" + String.join("&", kept), user,
        password);
  }

  private static DatabaseUrl heroku(String value) {
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
    DatabaseUrl inner = postgres("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath()
        + query);
    Optional<String> user = inner.username();
    Optional<String> pass = inner.password();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = Optional.of(decode(parts[0]));
      if (parts.length == 2) {
        pass = Optional.of(decode(parts[1]));
      }
    }
    return new DatabaseUrl(inner.jdbcUrl(), user, pass);
  }

  /** An H2 database inside this process: no other instance can share it. */
  public boolean isEmbedded() {
    return jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:h2:mem:")
        || jdbcUrl.startsWith("jdbc:h2:./") || jdbcUrl.startsWith("jdbc:h2:~");
  }

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /**
   * Percent-decoding of a URL part. Not {@link java.net.URLDecoder}: that decodes forms, where a
   * {@code +} means a space, and a {@code +} in a password must stay a {@code +}.
   */
  static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "DatabaseUrl[" + LoggedUrls.mask(jdbcUrl)
        + (username.isPresent() ? ", user=" + username.get() : "")
        + (password.isPresent() ? ", password=***" : "") + "]";
  }
}

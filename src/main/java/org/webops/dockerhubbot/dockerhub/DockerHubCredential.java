package org.webops.dockerhubbot.dockerhub;

import java.util.Objects;

/**
 * A Docker Hub identity that can log in. {@code toString()} never shows the secret.
 *
 * <ul>
 *   <li>{@link Password}: a user's Docker ID and password (the admin: an organisation owner; or a
 *       service user). Logs in with {@code POST /v2/users/login}, which reports two-factor auth.
 *   <li>{@link OrganizationToken}: an organisation access token, identifier = organisation name.
 *       Logs in with {@code POST /v2/auth/token} ({@code /v2/users/login} refuses these).
 * </ul>
 */
public sealed interface DockerHubCredential {

  /** The name that logs in: a Docker ID or an organisation name. */
  String identifier();

  /** The password or token. Never log it. */
  String secret();

  record Password(String username, String password) implements DockerHubCredential {
    public Password {
      requireText(username, "username");
      requireText(password, "password");
    }

    @Override
    public String identifier() {
      return username;
    }

    @Override
    public String secret() {
      return password;
    }

    @Override
    public String toString() {
      return "Password[username=" + username + ", password=***]";
    }
  }

  record OrganizationToken(String organization, String token) implements DockerHubCredential {
    public OrganizationToken {
      requireText(organization, "organization");
      requireText(token, "token");
    }

    @Override
    public String identifier() {
      return organization;
    }

    @Override
    public String secret() {
      return token;
    }

    @Override
    public String toString() {
      return "OrganizationToken[organization=" + organization + ", token=***]";
    }
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}

package org.webops.dockerhubbot.workflow;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which credential kinds this installation can make, and why not the others: decided from the
 * configuration at start-up, so that no request reaches an approver only to fail after approval.
 */
public final class CredentialKinds {
  private final Map<CredentialKind, String> unavailable;

  private CredentialKinds(Map<CredentialKind, String> unavailable) {
    this.unavailable = Map.copyOf(unavailable);
  }

  /**
   * @param ownerPassword the admin credential is an organisation owner's username and password
   *     (an organisation access token cannot manage organisation access tokens)
   * @param serviceUsersConfigured {@code DOCKERHUB_TEAM} and {@code SERVICE_EMAIL_TEMPLATE} set
   * @param dataKey {@code DATA_ENCRYPTION_KEY} set (a service user's password is kept encrypted)
   */
  public static CredentialKinds of(boolean ownerPassword, boolean serviceUsersConfigured,
      boolean dataKey) {
    Map<CredentialKind, String> unavailable = new EnumMap<>(CredentialKind.class);
    if (!ownerPassword) {
      unavailable.put(CredentialKind.ORG_TOKEN, "Organisation access tokens can only be made with"
          + " an organisation owner's username and password (DOCKERHUB_ADMIN_USERNAME and"
          + " DOCKERHUB_ADMIN_PASSWORD): Docker Hub does not let an organisation access token"
          + " manage organisation access tokens.");
    }
    if (!serviceUsersConfigured) {
      unavailable.put(CredentialKind.SERVICE_USER, "Service users are not set up here"
          + " (DOCKERHUB_TEAM and SERVICE_EMAIL_TEMPLATE).");
    } else if (!dataKey) {
      unavailable.put(CredentialKind.SERVICE_USER, "Service users need DATA_ENCRYPTION_KEY,"
          + " which is not set.");
    }
    return new CredentialKinds(unavailable);
  }

  public static CredentialKinds all() {
    return new CredentialKinds(Map.of());
  }

  /** Why this kind cannot be made here, or empty when it can. */
  public Optional<String> whyNot(CredentialKind kind) {
    return Optional.ofNullable(unavailable.get(kind));
  }

  public List<CredentialKind> available() {
    return Arrays.stream(CredentialKind.values()).filter(k -> !unavailable.containsKey(k)).toList();
  }

  /** The form's preselected kind: the organisation token (no person involved) when possible. */
  public Optional<CredentialKind> preferred() {
    return unavailable.containsKey(CredentialKind.ORG_TOKEN) ? available().stream().findFirst()
        : Optional.of(CredentialKind.ORG_TOKEN);
  }

  /** One line for the start-up log: each kind and whether it is offered. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    for (CredentialKind kind : CredentialKind.values()) {
      text.append(text.length() == 0 ? "" : "; ").append(kind.id()).append(": ")
          .append(whyNot(kind).map(why -> "not offered (" + why + ")").orElse("offered"));
    }
    return text.toString();
  }
}

package org.webops.dockerhubbot.workflow;

import java.util.Optional;

/** The two ways to give a pipeline a Docker Hub credential (README, What it does today). */
public enum CredentialKind implements FormChoice {
  SERVICE_USER("service-user", "Service user (own Docker ID, the runbook's way)"),
  ORG_TOKEN("org-token", "Organisation access token (fully automatic, no seat)");

  private final String id;
  private final String label;

  CredentialKind(String id, String label) {
    this.id = id;
    this.label = label;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String label() {
    return label;
  }

  public static Optional<CredentialKind> fromId(String id) {
    return FormChoice.byId(CredentialKind.class, id);
  }
}

package org.webops.dockerhubbot.provisioning;

/** Names of the non-secret facts steps record for later steps. */
public final class Facts {
  public static final String DOCKER_ID = "docker_id";
  public static final String EMAIL = "email";
  public static final String TOKEN_ID = "token_id";
  public static final String TOKEN_LABEL = "token_label";
  public static final String CONTEXT_ID = "context_id";
  /** When the CircleCI variables were written (ISO-8601): a rotation's grace period starts then. */
  public static final String WRITTEN_AT = "written_at";

  private Facts() {}
}

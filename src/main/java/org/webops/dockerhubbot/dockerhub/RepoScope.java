package org.webops.dockerhubbot.dockerhub;

/** Scopes of a personal access token, as {@code POST /v2/access-tokens} names them. */
public enum RepoScope {
  PUBLIC_READ("repo:public_read"),
  READ("repo:read"),
  WRITE("repo:write"),
  ADMIN("repo:admin");

  private final String value;

  RepoScope(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}

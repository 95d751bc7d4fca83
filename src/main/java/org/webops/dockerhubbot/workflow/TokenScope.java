package org.webops.dockerhubbot.workflow;

import java.util.Optional;

/** What the token may do; pipelines only pull, so read-only is the default. */
public enum TokenScope implements FormChoice {
  READ_ONLY("read-only", "Read-only (pull)"),
  READ_WRITE("read-write", "Read and write (pull and push)");

  private final String id;
  private final String label;

  TokenScope(String id, String label) {
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

  public static Optional<TokenScope> fromId(String id) {
    return FormChoice.byId(TokenScope.class, id);
  }
}

package org.webops.dockerhubbot.http;

/**
 * A write call that was described instead of sent because the bot runs with {@code DRY_RUN}. Holds
 * no secret: the description names what would change, never a value.
 */
public record DryRun(String api, String method, String path, String description) {

  @Override
  public String toString() {
    return "DRY_RUN: " + api + " would " + method + " " + path + " (" + description + ")";
  }
}

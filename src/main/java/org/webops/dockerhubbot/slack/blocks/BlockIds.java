package org.webops.dockerhubbot.slack.blocks;

/**
 * Block ids for one version of a message: Slack asks for new block ids each time a message is
 * updated (clients may otherwise keep stale element state). Deriving them from the version the
 * message shows keeps them deterministic for the golden files. Modal inputs keep fixed ids:
 * validation errors and {@code state.values} are keyed by them.
 */
final class BlockIds {
  private static final int MAX = 255;
  private final String version;

  BlockIds(String version) {
    this.version = version;
  }

  String of(String name) {
    String id = name + "." + version;
    return id.length() <= MAX ? id : id.substring(0, MAX);
  }
}

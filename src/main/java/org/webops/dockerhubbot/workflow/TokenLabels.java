package org.webops.dockerhubbot.workflow;

import java.util.Locale;

/**
 * Token labels that name their request and attempt, so that no two requests ever share one:
 * {@code circleci-<repository>-r<request id>-g<generation>}, at most 100 characters (Docker Hub's
 * limit for {@code token_label}). The repository part is only for people reading the list of
 * tokens; the request id and generation are what make the label unique.
 */
public final class TokenLabels {
  public static final int MAX_LENGTH = 100;
  private static final String PREFIX = "circleci-";

  private TokenLabels() {}

  /** Whether the label has the bot's prefix (a token the bot made, or one made to look so). */
  public static boolean isBots(String label) {
    return label != null && label.startsWith(PREFIX);
  }

  public static String of(String pipeline, long requestId, int generation) {
    String suffix = "-r" + requestId + "-g" + generation;
    String repository = pipeline.substring(pipeline.lastIndexOf('/') + 1)
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    int room = MAX_LENGTH - PREFIX.length() - suffix.length();
    if (repository.length() > room) {
      repository = repository.substring(0, room).replaceAll("-+$", "");
    }
    return PREFIX + (repository.isEmpty() ? "pipeline" : repository) + suffix;
  }
}

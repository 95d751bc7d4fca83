package org.webops.dockerhubbot.workflow;

import java.util.Locale;

/**
 * The key that makes "one project, one live request" hold whichever way a slug names the project
 * (used where CircleCI could not tell the project's id): {@code gh} and {@code github}, {@code bb}
 * and {@code bitbucket} are the same VCS, and GitHub and Bitbucket ignore the case of
 * organisation and repository names; CircleCI's own ids ({@code circleci/<org>/<project>}) are
 * kept as they are.
 */
public final class PipelineKey {
  private PipelineKey() {}

  public static String of(String pipeline) {
    String[] parts = pipeline.split("/", 2);
    if (parts.length < 2) {
      return pipeline;
    }
    return switch (parts[0].toLowerCase(Locale.ROOT)) {
      case "gh", "github" -> "github/" + parts[1].toLowerCase(Locale.ROOT);
      case "bb", "bitbucket" -> "bitbucket/" + parts[1].toLowerCase(Locale.ROOT);
      default -> pipeline;
    };
  }

  /** The organisation part of the key: {@code github/org} of {@code gh/Org/repo}. */
  public static String organisation(String pipeline) {
    String key = of(pipeline);
    int last = key.lastIndexOf('/');
    return last < 0 ? key : key.substring(0, last);
  }
}

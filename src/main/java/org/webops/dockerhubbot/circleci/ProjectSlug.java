package org.webops.dockerhubbot.circleci;

import java.util.regex.Pattern;

/**
 * A project slug: {@code gh/org/repo}, {@code github/org/repo}, {@code bb/org/repo},
 * {@code bitbucket/org/repo} or {@code circleci/<org-id>/<project-id>}.
 */
public record ProjectSlug(String value) {

  private static final Pattern SHAPE =
      Pattern.compile("(gh|github|bb|bitbucket|circleci)/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  public ProjectSlug {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not a project slug (vcs/org/repo, e.g. gh/my-org/my-repo): " + value);
    }
  }

  public static ProjectSlug of(String value) {
    return new ProjectSlug(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

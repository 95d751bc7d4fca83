package org.webops.dockerhubbot.provisioning.steps;

import java.util.Locale;

/** Docker IDs for pipelines: 4–30 lowercase letters and digits, from the repository's name. */
final class DockerIds {
  static final int MIN = 4;
  static final int MAX = 30;

  private DockerIds() {}

  /** The first choice for the pipeline, e.g. {@code gh/org/opg-refunds} → {@code opgrefunds}. */
  static String base(String pipeline) {
    String repository = pipeline.substring(pipeline.lastIndexOf('/') + 1);
    String name = repository.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (name.isEmpty()) {
      name = "pipeline";
    }
    while (name.length() < MIN) {
      name = name + "ci";
    }
    return name.length() > MAX ? name.substring(0, MAX) : name;
  }

  /** The {@code n}-th choice (n ≥ 2): the base with the number at the end, still at most 30. */
  static String candidate(String base, int n) {
    if (n <= 1) {
      return base;
    }
    String suffix = Integer.toString(n);
    String head = base.length() + suffix.length() > MAX ? base.substring(0, MAX - suffix.length()) : base;
    return head + suffix;
  }
}

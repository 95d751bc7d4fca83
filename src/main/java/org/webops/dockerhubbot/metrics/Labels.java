package org.webops.dockerhubbot.metrics;

import java.util.Locale;

/** How names become label values: lower case, words joined by {@code _}. */
final class Labels {
  private Labels() {}

  /** {@code CREATE_ORG_TOKEN} → {@code create_org_token}. */
  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** {@code Docker Hub} → {@code dockerhub}, {@code CircleCI} → {@code circleci}. */
  static String api(String api) {
    return api.toLowerCase(Locale.ROOT).replace(" ", "");
  }
}

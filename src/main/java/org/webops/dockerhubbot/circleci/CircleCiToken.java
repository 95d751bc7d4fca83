package org.webops.dockerhubbot.circleci;

import java.util.Objects;

/** A CircleCI personal API token. {@code toString()} never shows it. */
public record CircleCiToken(String value) {

  public CircleCiToken {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("CircleCI token must not be blank");
    }
  }

  @Override
  public String toString() {
    return "CircleCiToken[***]";
  }
}

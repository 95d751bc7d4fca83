package org.webops.dockerhubbot.http;

/**
 * Result of an "ensure" call that first looks for an earlier effect and creates only when none is
 * found: either what already existed or what was just created (or, in dry-run, described).
 */
public sealed interface Ensured<T> {

  T value();

  default boolean created() {
    return this instanceof Created<T>;
  }

  record Existing<T>(T value) implements Ensured<T> {}

  record Created<T>(T value) implements Ensured<T> {}
}

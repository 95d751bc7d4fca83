package org.webops.dockerhubbot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Collects problems instead of stopping at the first; values never appear in messages. */
final class EnvReader {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final List<String> badNames = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  <T> T required(String name, Function<String, T> parse) {
    Optional<T> value = optional(name, parse);
    if (value.isEmpty() && !badNames.contains(name)) {
      problem(name + " is missing");
      badNames.add(name);
    }
    return value.orElse(null);
  }

  <T> Optional<T> optional(String name, Function<String, T> parse) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(raw.trim()));
    } catch (RuntimeException e) {
      String why = e instanceof NumberFormatException ? "expected a whole number" : e.getMessage();
      problem(name + " is malformed: " + why);
      badNames.add(name);
      return Optional.empty();
    }
  }

  boolean hasProblemWith(String name) {
    return badNames.contains(name);
  }

  void problem(String text) {
    problems.add(text);
  }

  void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}

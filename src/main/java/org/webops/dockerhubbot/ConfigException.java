package org.webops.dockerhubbot;

import java.util.List;

/** Every problem found in the configuration at once, so an operator fixes them in one go. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    StringBuilder text = new StringBuilder("The configuration has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems")
        .append(" (see README.md, section Configuration):");
    problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
    return text.toString();
  }
}

package org.webops.dockerhubbot.workflow;

import java.util.Arrays;
import java.util.Optional;

/** One option of a choice in the request form: a stable id for Slack and a label for people. */
public interface FormChoice {
  String id();

  String label();

  static <E extends Enum<E> & FormChoice> Optional<E> byId(Class<E> type, String id) {
    return Arrays.stream(type.getEnumConstants()).filter(choice -> choice.id().equals(id)).findFirst();
  }

  /** A choice that is a plain value rather than an enum constant, such as a number of days. */
  record Plain(String id, String label) implements FormChoice {}
}

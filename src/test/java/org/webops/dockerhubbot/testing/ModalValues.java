package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.webops.dockerhubbot.workflow.CredentialKinds;
import org.webops.dockerhubbot.workflow.FormInput;
import org.webops.dockerhubbot.workflow.RequestForm.Field;

/**
 * The request modal's state values as Slack submits them: the form's own initial values with
 * valid answers where it has none, any field replaced.
 */
public final class ModalValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Field, String> ANSWERS = Map.of(
      Field.PIPELINE, "gh/example/app",
      Field.REPOSITORIES, "*/*/public\nexampleorg/*",
      Field.REASON, "The app pipeline pulls node and postgres images on every build.");

  private final Map<Field, String> fields = new EnumMap<>(Field.class);

  private ModalValues() {
    for (Field field : Field.values()) {
      fields.put(field, ANSWERS.containsKey(field) ? ANSWERS.get(field)
          : field.input().initialValue().apply(CredentialKinds.all()).orElse(""));
    }
  }

  public static ModalValues valid() {
    return new ModalValues();
  }

  /** @param field the first word of its block id, such as {@code user} for the user variable */
  public ModalValues with(String field, String value) {
    fields.put(named(field), value);
    return this;
  }

  public ObjectNode json() {
    ObjectNode values = JSON.createObjectNode();
    fields.forEach((field, value) -> values.putObject(field.input().blockId())
        .set(field.input().actionId(), element(field.input(), value)));
    return values;
  }

  /** The signed body of a submission of this form by {@code user}, typed in {@code channel}. */
  public String submittedBy(String user, String channel) {
    return SlackRequests.viewSubmission(user, "request-modal", channel, json());
  }

  private static ObjectNode element(FormInput input, String value) {
    return switch (input.inputKind()) {
      // Slack sends an empty text input as null.
      case SINGLE_LINE_TEXT, MULTI_LINE_TEXT -> SlackRequests.textValue(
          value.isEmpty() ? null : value);
      case STATIC_SELECT -> SlackRequests.selectedValue("static_select", value);
      case RADIO_BUTTONS -> SlackRequests.selectedValue("radio_buttons", value);
    };
  }

  private static Field named(String name) {
    var matching = Arrays.stream(Field.values())
        .filter(field -> field.input().blockId().startsWith(name + "-")).toList();
    if (matching.size() != 1) {
      throw new IllegalArgumentException("unknown field " + name);
    }
    return matching.get(0);
  }
}

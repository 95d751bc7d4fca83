package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** The request modal's state values as Slack submits them: valid defaults, any field replaced. */
public final class ModalValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> fields = new HashMap<>(Map.of(
      "pipeline", "gh/example/app",
      "kind", "org-token",
      "scope", "read-only",
      "repositories", "*/*/public\nexampleorg/*",
      "context", "",
      "user", "DOCKER_USER",
      "token", "DOCKER_ACCESS_TOKEN",
      "lifetime", "90",
      "reason", "The app pipeline pulls node and postgres images on every build."));

  public static ModalValues valid() {
    return new ModalValues();
  }

  public ModalValues with(String field, String value) {
    if (!fields.containsKey(field)) {
      throw new IllegalArgumentException("unknown field " + field);
    }
    fields.put(field, value);
    return this;
  }

  public ObjectNode json() {
    ObjectNode values = JSON.createObjectNode();
    values.putObject("pipeline-block").set("pipeline-action", SlackRequests.textValue(fields.get("pipeline")));
    values.putObject("kind-block").set("kind-action", SlackRequests.selectedValue("radio_buttons", fields.get("kind")));
    values.putObject("scope-block").set("scope-action", SlackRequests.selectedValue("static_select", fields.get("scope")));
    values.putObject("repositories-block").set("repositories-action", SlackRequests.textValue(fields.get("repositories")));
    values.putObject("context-block").set("context-action", SlackRequests.textValue(
        fields.get("context").isEmpty() ? null : fields.get("context")));
    values.putObject("user-variable-block").set("user-variable-action", SlackRequests.textValue(fields.get("user")));
    values.putObject("token-variable-block").set("token-variable-action", SlackRequests.textValue(fields.get("token")));
    values.putObject("lifetime-block").set("lifetime-action", SlackRequests.selectedValue("static_select", fields.get("lifetime")));
    values.putObject("reason-block").set("reason-action", SlackRequests.textValue(fields.get("reason")));
    return values;
  }

  /** The signed body of a submission of this form by {@code user}, typed in {@code channel}. */
  public String submittedBy(String user, String channel) {
    return SlackRequests.viewSubmission(user, "request-modal", channel, json());
  }
}

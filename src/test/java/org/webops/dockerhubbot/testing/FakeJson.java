package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** What the fake APIs share: reading JSON request bodies and answering JSON. */
final class FakeJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeJson() {}

  /** Thrown by the fakes' handlers to answer 400 with the message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  static JsonNode body(RecordedRequest request) {
    String text = request.getBody() == null ? "" : request.getBody().utf8();
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new BadRequest("the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new BadRequest("the body is not JSON");
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static MockResponse json(int code, JsonNode body) {
    return json(code, body.toString());
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body).build();
  }
}

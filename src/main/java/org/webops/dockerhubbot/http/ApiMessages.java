package org.webops.dockerhubbot.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;

/** Pulls the API's own message out of an error body and masks known secrets in it. */
public final class ApiMessages {

  static final int MAX_LENGTH = 300;
  private static final List<String> MESSAGE_FIELDS =
      List.of("message", "detail", "error", "text", "error_description");

  private ApiMessages() {}

  /**
   * The message of a JSON error body ({@code {"message":..}}, {@code {"detail":..}}, Docker Hub's
   * {@code {"errinfo":{..}}} and {@code {"text":..,"fields":..}}), or the start of a non-JSON body
   * on one line. Secrets listed are replaced by {@code ***}. Null when the body says nothing.
   */
  public static String extract(String body, Collection<String> secrets) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String message;
    try {
      JsonNode tree = Json.tree(body);
      message = fromJson(tree);
    } catch (Exception notJson) {
      message = body.strip().replaceAll("\\s+", " ");
    }
    // Mask before truncating, so that a cut never leaves part of a secret behind.
    return message == null ? null : truncate(mask(message, secrets));
  }

  private static String fromJson(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return tree == null || tree.isNull() ? null : tree.toString();
    }
    String message = null;
    for (String field : MESSAGE_FIELDS) {
      JsonNode node = tree.get(field);
      if (node != null && node.isTextual() && !node.asText().isBlank()) {
        message = node.asText();
        break;
      }
    }
    JsonNode detailed = tree.has("errinfo") ? tree.get("errinfo") : tree.get("fields");
    if (detailed != null && !detailed.isNull() && !detailed.isEmpty()) {
      message = message == null ? detailed.toString() : message + " " + detailed;
    }
    return message;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
  }

  /** Replaces every listed secret (of 4 characters or more) in the text by {@code ***}. */
  public static String mask(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        masked = masked.replace(secret, "***");
      }
    }
    return masked;
  }
}

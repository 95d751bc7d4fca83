package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Slack's documented Block Kit limits, checked on what a builder makes (serialised as the SDK
 * sends it): 50 blocks in a message and 100 in a view; section text 3,000 characters, at most 10
 * fields of 2,000; header 150; button text 75 and value 2,000; block and action ids 255; a
 * text input's initial value within its {@code max_length} (at most 3,000); modal title, submit
 * and close 24. Returns every violation, with its JSON path.
 */
public final class SlackLimits {
  private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackLimits() {}

  /** Violations of a message's blocks (a list of blocks). */
  public static List<String> ofMessage(Object blocks) {
    JsonNode node = tree(blocks);
    List<String> problems = new ArrayList<>();
    if (node.size() > 50) {
      problems.add("a message has " + node.size() + " blocks (at most 50)");
    }
    blocks(node, "blocks", problems);
    return problems;
  }

  /** Violations of a modal or Home tab view. */
  public static List<String> ofView(Object view) {
    JsonNode node = tree(view);
    List<String> problems = new ArrayList<>();
    JsonNode blocks = node.path("blocks");
    if (blocks.size() > 100) {
      problems.add("a view has " + blocks.size() + " blocks (at most 100)");
    }
    for (String field : List.of("title", "submit", "close")) {
      max(problems, "view." + field, node.path(field).path("text").asText(""), 24);
    }
    max(problems, "view.private_metadata", node.path("private_metadata").asText(""), 3000);
    blocks(blocks, "view.blocks", problems);
    return problems;
  }

  private static void blocks(JsonNode blocks, String path, List<String> problems) {
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String at = path + "[" + i + "]";
      max(problems, at + ".block_id", block.path("block_id").asText(""), 255);
      switch (block.path("type").asText()) {
        case "section" -> {
          max(problems, at + ".text", block.path("text").path("text").asText(""), 3000);
          JsonNode fields = block.path("fields");
          if (fields.size() > 10) {
            problems.add(at + ".fields has " + fields.size() + " (at most 10)");
          }
          for (int f = 0; f < fields.size(); f++) {
            max(problems, at + ".fields[" + f + "]", fields.get(f).path("text").asText(""), 2000);
          }
          element(block.path("accessory"), at + ".accessory", problems);
        }
        case "header" -> max(problems, at + ".text", block.path("text").path("text").asText(""),
            150);
        case "context" -> {
          JsonNode elements = block.path("elements");
          if (elements.size() > 10) {
            problems.add(at + ".elements has " + elements.size() + " (at most 10)");
          }
          for (int e = 0; e < elements.size(); e++) {
            max(problems, at + ".elements[" + e + "]",
                elements.get(e).path("text").asText(""), 3000);
          }
        }
        case "actions" -> {
          JsonNode elements = block.path("elements");
          if (elements.size() > 25) {
            problems.add(at + ".elements has " + elements.size() + " (at most 25)");
          }
          for (int e = 0; e < elements.size(); e++) {
            element(elements.get(e), at + ".elements[" + e + "]", problems);
          }
        }
        case "input" -> {
          max(problems, at + ".label", block.path("label").path("text").asText(""), 2000);
          max(problems, at + ".hint", block.path("hint").path("text").asText(""), 2000);
          element(block.path("element"), at + ".element", problems);
        }
        default -> { }
      }
    }
  }

  private static void element(JsonNode element, String at, List<String> problems) {
    if (element.isMissingNode()) {
      return;
    }
    max(problems, at + ".action_id", element.path("action_id").asText(""), 255);
    if (element.path("type").asText().equals("button")) {
      max(problems, at + ".text", element.path("text").path("text").asText(""), 75);
      max(problems, at + ".value", element.path("value").asText(""), 2000);
    }
    if (element.path("type").asText().equals("plain_text_input")) {
      int maxLength = element.path("max_length").asInt(3000);
      if (maxLength > 3000) {
        problems.add(at + ".max_length is " + maxLength + " (at most 3000)");
      }
      max(problems, at + ".initial_value", element.path("initial_value").asText(""), maxLength);
    }
  }

  private static void max(List<String> problems, String at, String text, int limit) {
    if (text.length() > limit) {
      problems.add(at + " has " + text.length() + " characters (at most " + limit + ")");
    }
  }

  private static JsonNode tree(Object built) {
    try {
      return JSON.readTree(SLACK_JSON.toJson(built));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

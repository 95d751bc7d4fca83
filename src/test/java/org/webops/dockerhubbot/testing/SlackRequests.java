package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds the bodies Slack sends to {@code /slack/events}, and signs them as Slack does. */
public final class SlackRequests {
  public static final String TEAM = "T0001";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackRequests() {}

  public static String slashCommand(String user, String channel, String text, String responseUrl) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "deprecated-verification-token");
    form.put("team_id", TEAM);
    form.put("team_domain", "example");
    form.put("channel_id", channel);
    form.put("channel_name", "general");
    form.put("user_id", user);
    form.put("user_name", user.toLowerCase());
    form.put("command", "/dockerhub-user");
    form.put("text", text);
    form.put("api_app_id", "A0001");
    form.put("response_url", responseUrl);
    form.put("trigger_id", "trigger-" + System.nanoTime());
    return formEncode(form);
  }

  public static String blockAction(String user, String actionId, String value, String channel,
      String messageTs, String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("team").put("id", TEAM).put("domain", "example");
    payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", TEAM);
    payload.put("api_app_id", "A0001");
    payload.put("token", "deprecated-verification-token");
    payload.putObject("container").put("type", "message").put("message_ts", messageTs)
        .put("channel_id", channel).put("is_ephemeral", false);
    payload.put("trigger_id", "trigger-" + System.nanoTime());
    payload.putObject("channel").put("id", channel).put("name", "webops");
    payload.putObject("message").put("type", "message").put("ts", messageTs).put("text", "card");
    payload.put("response_url", responseUrl);
    ArrayNode actions = payload.putArray("actions");
    actions.addObject().put("action_id", actionId).put("block_id", "decision-block")
        .put("type", "button").put("value", value).put("action_ts", "1700000000.1");
    return formEncode(Map.of("payload", payload.toString()));
  }

  /**
   * @param values block id → action id → a value node as Slack sends it, e.g. {@code
   *     {"type":"plain_text_input","value":"x"}}
   */
  public static String viewSubmission(String user, String callbackId, String privateMetadata,
      ObjectNode values) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "view_submission");
    payload.putObject("team").put("id", TEAM).put("domain", "example");
    payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", TEAM);
    payload.put("api_app_id", "A0001");
    payload.put("token", "deprecated-verification-token");
    payload.put("trigger_id", "trigger-" + System.nanoTime());
    ObjectNode view = payload.putObject("view");
    view.put("id", "V0001").put("team_id", TEAM).put("type", "modal")
        .put("callback_id", callbackId).put("private_metadata", privateMetadata)
        .put("hash", "h").put("app_id", "A0001").put("bot_id", "B0001");
    view.putObject("state").set("values", values);
    return formEncode(Map.of("payload", payload.toString()));
  }

  public static ObjectNode textValue(String text) {
    ObjectNode node = JSON.createObjectNode().put("type", "plain_text_input");
    if (text == null) {
      node.putNull("value");
    } else {
      node.put("value", text);
    }
    return node;
  }

  public static ObjectNode selectedValue(String type, String value) {
    ObjectNode node = JSON.createObjectNode().put("type", type);
    node.putObject("selected_option").put("value", value)
        .putObject("text").put("type", "plain_text").put("text", value);
    return node;
  }

  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String formEncode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}

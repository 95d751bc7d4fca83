package org.webops.dockerhubbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.TestBot;

/**
 * With {@code SLACK_APP_TOKEN} the bot takes Slack's requests over a Socket Mode WebSocket instead
 * of {@code /slack/events}: a fake Slack hands out a loopback WebSocket that sends a slash command
 * envelope and reads the bot's acknowledgement.
 */
class SocketModeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP_TOKEN = "xapp-test-app-token-5e21";

  @TempDir Path dir;
  private final BlockingQueue<String> fromBot = new LinkedBlockingQueue<>();
  private volatile WebSocket slackEnd;
  private FakeSlack slack;
  private MockWebServer socket;
  private TestBot bot;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (slackEnd != null) {
      slackEnd.close(1000, "test over");
    }
    socket.close();
    slack.close();
  }

  @Test
  void appToken_slashCommandOverWebSocket_ackedWithHelpAndNoHttpEndpoint() throws Exception {
    // given: Slack's WebSocket end, which greets and then sends `/dockerhub-user help`
    socket = new MockWebServer();
    socket.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket webSocket, okhttp3.Response response) {
        slackEnd = webSocket;
        webSocket.send("{\"type\":\"hello\",\"num_connections\":1,"
            + "\"debug_info\":{\"host\":\"test\"},\"connection_info\":{\"app_id\":\"A0001\"}}");
        webSocket.send("{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\","
            + "\"accepts_response_payload\":true,\"payload\":{\"token\":\"t\",\"team_id\":\"T0001\","
            + "\"team_domain\":\"example\",\"channel_id\":\"C0GENERAL\",\"channel_name\":\"general\","
            + "\"user_id\":\"U0REQUESTER\",\"user_name\":\"requester\",\"command\":\"/dockerhub-user\","
            + "\"text\":\"help\",\"api_app_id\":\"A0001\",\"response_url\":\"https://example.invalid/r\","
            + "\"trigger_id\":\"trigger-1\"}}");
      }

      @Override
      public void onMessage(WebSocket webSocket, String text) {
        fromBot.add(text);
      }
    }).build());
    socket.start(java.net.InetAddress.getLoopbackAddress(), 0);
    slack = new FakeSlack();
    String wsUrl = "ws://127.0.0.1:" + socket.getPort() + "/link";
    slack.answer("apps.connections.open", call -> "{\"ok\":true,\"url\":\"" + wsUrl + "\"}");

    // when
    bot = new TestBot(dir, slack, Map.of("SLACK_APP_TOKEN", APP_TOKEN, "SLACK_SIGNING_SECRET", ""));

    // then: the ack comes back over the socket, with the help text
    String ack = fromBot.poll(15, TimeUnit.SECONDS);
    assertThat(ack).as("the bot's acknowledgement").isNotNull();
    JsonNode envelope = JSON.readTree(ack);
    assertThat(envelope.path("envelope_id").asText()).isEqualTo("env-1");
    assertThat(envelope.path("payload").path("text").asText()).contains("/dockerhub-user new");
    FakeSlack.Call open = slack.calls("apps.connections.open").get(0);
    assertThat(open.body()).doesNotContain(APP_TOKEN);
    try (Response response = bot.send("command=%2Fdockerhub-user&text=help")) {
      assertThat(response.code()).isEqualTo(404);
    }
  }
}

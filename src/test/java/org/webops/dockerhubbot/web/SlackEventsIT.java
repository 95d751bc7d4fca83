package org.webops.dockerhubbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;

class SlackEventsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "U0REQUESTER";

  @RegisterExtension final RunningBot running = new RunningBot();
  private FakeSlack slack;
  private TestBot bot;

  @BeforeEach
  void start() {
    slack = running.slack();
    bot = running.bot();
  }

  @Test
  void newCommand_signedRequest_opensPrefilledModalAndAcksEmpty() throws Exception {
    // given
    String body = SlackRequests.slashCommand(USER, "C0GENERAL", "new gh/example/app",
        slack.responseUrl("cmd"));

    // when
    try (Response response = bot.send(body)) {
      // then
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEmpty();
    }
    List<FakeSlack.Call> opened = slack.calls("views.open");
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).param("trigger_id")).startsWith("trigger-");
    JsonNode view = JSON.readTree(opened.get(0).param("view"));
    assertThat(view.path("callback_id").asText()).isEqualTo("request-modal");
    assertThat(view.path("private_metadata").asText()).isEqualTo("C0GENERAL");
    assertThat(view.toString()).contains("\"initial_value\":\"gh/example/app\"");
  }

  @Test
  void newCommand_pipelineLongerThanTheField_modalOpensWithoutPrefill() throws Exception {
    // Slack refuses a whole view whose initial value is longer than its field's max_length.
    String tooLong = "gh/example/" + "a".repeat(200);

    try (Response response = bot.send(SlackRequests.slashCommand(USER, "C0GENERAL",
        "new " + tooLong, slack.responseUrl("cmd")))) {
      assertThat(response.code()).isEqualTo(200);
    }

    JsonNode view = JSON.readTree(slack.await("views.open", 1).get(0).param("view"));
    JsonNode pipeline = view.path("blocks").get(1).path("element");
    assertThat(pipeline.path("max_length").asInt()).isEqualTo(200);
    assertThat(pipeline.has("initial_value")).isFalse();
  }

  @Test
  void unsignedHugeMalformedPayload_401BeforeParsing_andNoLogLineCarriesTheBody()
      throws Exception {
    // given: 900 KB of broken JSON, no signature
    String marker = "PAYLOAD-MARKER-";
    String body = "payload=" + java.net.URLEncoder.encode("{\"type\":\"" + marker
        + "x".repeat(900_000), java.nio.charset.StandardCharsets.UTF_8);

    try (org.webops.dockerhubbot.testing.LogCapture logs =
        new org.webops.dockerhubbot.testing.LogCapture()) {
      // when
      try (Response response = bot.send(body, Instant.now().getEpochSecond(), null)) {
        // then
        assertThat(response.code()).isEqualTo(401);
      }
      assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> {
        assertThat(line).doesNotContain(marker).doesNotContain("xxxxxxxxxx");
        assertThat(line.length()).isLessThan(2_000);
      });
      assertThat(logs.text()).contains("without a valid Slack signature (" + body.length()
          + " bytes");
    }
  }

  @Test
  void signedButMalformedPayload_400_andTheLogSaysSoWithoutTheBody() throws Exception {
    String marker = "SIGNED-MARKER-";
    String body = "payload=" + java.net.URLEncoder.encode("{\"type\":\"" + marker
        + "y".repeat(50_000), java.nio.charset.StandardCharsets.UTF_8);

    try (org.webops.dockerhubbot.testing.LogCapture logs =
        new org.webops.dockerhubbot.testing.LogCapture()) {
      try (Response response = bot.send(body)) {
        assertThat(response.code()).isEqualTo(400);
      }
      assertThat(logs.lines()).allSatisfy(line -> {
        assertThat(line).doesNotContain(marker);
        assertThat(line.length()).isLessThan(2_000);
      });
      assertThat(logs.text()).contains("Could not read a signed request");
    }
    assertThat(bot.allRequests()).isEmpty();
  }

  @Test
  void newCommand_forgedSignature_401AndNoSlackCallNoRow() throws Exception {
    assertRefusedWithoutEffect(body -> {
      long now = Instant.now().getEpochSecond();
      return bot.send(body, now, SlackRequests.sign("not-the-signing-secret", now, body));
    });
  }

  @Test
  void newCommand_staleTimestamp_401AndNoSlackCallNoRow() throws Exception {
    assertRefusedWithoutEffect(body -> {
      long sixMinutesAgo = Instant.now().getEpochSecond() - 360;
      return bot.send(body, sixMinutesAgo,
          SlackRequests.sign(TestBot.SIGNING_SECRET, sixMinutesAgo, body));
    });
  }

  @Test
  void newCommand_missingSignatureHeaders_401AndNoSlackCallNoRow() throws Exception {
    assertRefusedWithoutEffect(body -> bot.send(body, 0, null));
  }

  @Test
  void newCommand_bodyChangedAfterSigning_401() throws Exception {
    assertRefusedWithoutEffect(body -> {
      long now = Instant.now().getEpochSecond();
      String signature = SlackRequests.sign(TestBot.SIGNING_SECRET, now, body);
      return bot.send(body.replace("gh%2Fexample%2Fapp", "gh%2Fexample%2Fother"), now, signature);
    });
  }

  @Test
  void help_bareUnknownAndHelp_answerEphemeralHelpListingEverySubcommand() throws Exception {
    for (String text : List.of("", "help", "frobnicate")) {
      // when
      String answer;
      try (Response response = bot.send(
          SlackRequests.slashCommand(USER, "C0GENERAL", text, slack.responseUrl("cmd")))) {
        assertThat(response.code()).isEqualTo(200);
        answer = response.body().string();
      }
      // then
      JsonNode json = JSON.readTree(answer);
      assertThat(json.path("response_type").asText("ephemeral")).isEqualTo("ephemeral");
      assertThat(json.path("text").asText()).contains("/dockerhub-user new", "/dockerhub-user list",
          "/dockerhub-user status", "/dockerhub-user rotate", "/dockerhub-user revoke",
          "/dockerhub-user withdraw", "/dockerhub-user drift", "/dockerhub-user help")
          .doesNotContainIgnoringCase("not here yet");
      if (text.equals("frobnicate")) {
        assertThat(json.path("text").asText()).startsWith("I don't know `frobnicate`.");
      }
    }
    assertThat(slack.calls("views.open")).isEmpty();
  }

  @Test
  void appHomeOpened_signedEvent_acksAndPublishesTheHomeTabWithTheUsersRequests() throws Exception {
    // given: the user has a pending request
    try (Response submitted = bot.send(org.webops.dockerhubbot.testing.ModalValues.valid()
        .submittedBy(USER, "C0GENERAL"))) {
      assertThat(submitted.code()).isEqualTo(200);
    }
    String event = "{\"token\":\"t\",\"team_id\":\"T0001\",\"api_app_id\":\"A0001\","
        + "\"type\":\"event_callback\",\"event_id\":\"Ev01\",\"event_time\":1700000000,"
        + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"" + USER + "\","
        + "\"channel\":\"D0001\",\"tab\":\"home\",\"event_ts\":\"1700000000.1\"}}";

    // when
    try (Response response = bot.sendJson(event)) {
      assertThat(response.code()).isEqualTo(200);
    }

    // then
    FakeSlack.Call published = slack.await("views.publish", 1).get(0);
    assertThat(published.param("user_id")).isEqualTo(USER);
    JsonNode view = JSON.readTree(published.param("view"));
    assertThat(view.path("type").asText()).isEqualTo("home");
    assertThat(view.toString()).contains("gh/example/app", "pending approval");
  }

  @Test
  void health_databaseAnswers_200WithDatabaseUp() throws Exception {
    try (Response response = bot.get("/health")) {
      assertThat(response.code()).isEqualTo(200);
      JsonNode json = JSON.readTree(response.body().string());
      assertThat(json.path("status").asText()).isEqualTo("ok");
      assertThat(json.path("database").asText()).isEqualTo("up");
    }
  }

  @FunctionalInterface
  private interface Sender {
    Response send(String body) throws Exception;
  }

  private void assertRefusedWithoutEffect(Sender sender) throws Exception {
    // given
    String body = SlackRequests.slashCommand(USER, "C0GENERAL", "new gh/example/app",
        slack.responseUrl("cmd"));
    int callsBefore = slack.requestCount();

    // when
    try (Response response = sender.send(body)) {
      // then
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(slack.requestCount()).isEqualTo(callsBefore);
    assertThat(bot.allRequests()).isEmpty();
  }
}

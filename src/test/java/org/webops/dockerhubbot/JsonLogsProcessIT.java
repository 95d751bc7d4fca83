package org.webops.dockerhubbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.crash.Bots;
import org.webops.dockerhubbot.testing.BotProcess;
import org.webops.dockerhubbot.testing.FakeSlack;

/**
 * The packaged bot with {@code LOG_FORMAT=json}, through a whole organisation-token request:
 * start-up, the form, the approval, the run to done (with one step tried again after Docker Hub
 * answered 503), the one-time link claimed, shutdown. Every
 * line the process wrote is one JSON object; the run's lines say which request, operation and
 * step they are about; no line is longer than the bounds allow; no secret is in any of them.
 */
class JsonLogsProcessIT {
  private static final String PIPELINE = "gh/example/json-logs";
  private static final Pattern LINK = Pattern.compile("/s/([A-Za-z0-9_-]{22})#([A-Za-z0-9_-]+)");
  private static final Pattern STEP_LINE =
      Pattern.compile("Request #(\\d+): ([A-Z_]+) (Done|Waiting|Rewind|Failed) after \\d+ ms");
  /** A message of 2,000 characters, a stack trace of 8,000, and the fields around them. */
  private static final int LINE_BOUND = 12_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void fullRun_everyLineIsOneBoundedJsonObjectWithItsRequestAndNoSecret() throws Exception {
    List<String> output;
    List<String> secrets = new ArrayList<>();
    long requestId;
    try (Bots bots = new Bots()) {
      Map<String, String> env = bots.environment(dir,
          "jdbc:h2:file:" + dir.resolve("bot").toAbsolutePath());
      env.put("LOG_FORMAT", "json");
      BotProcess bot = BotProcess.start(dir, "bot", env);
      try {
        // given: a request made, approved and provisioned, the token made at the second try
        bots.dockerhub.failNext("POST", Bots.ORG_TOKENS, 503, 1);
        bots.submit(bot, PIPELINE);
        FakeSlack.Call card = bots.card(PIPELINE);
        requestId = Bots.requestId(card);
        bots.click(bot, card, Bots.APPROVER, "approve-action");
        bots.awaitCard(card, "Progress* — done");
        bots.awaitToldRequester("is done:");
        // and its one-time link claimed, as the page's script does
        Matcher link = LINK.matcher(bots.linksToApprover("Credentials for").get(0));
        assertThat(link.find()).isTrue();
        try (Response claim = bot.post("/s/" + link.group(1) + "/claim")) {
          assertThat(claim.code()).isEqualTo(200);
        }
        secrets.add(link.group(2));
        secrets.add(bots.dockerhub.orgTokens().get(0).token());
      } finally {
        bot.stop();
      }
      output = bot.output();
      for (String name : List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
          "DOCKERHUB_ADMIN_PASSWORD", "CIRCLECI_TOKEN", "DATA_ENCRYPTION_KEY")) {
        secrets.add(env.get(name));
      }
    }

    // then: every line, from start-up to shutdown, is one JSON object
    assertThat(output).isNotEmpty();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output) {
      JsonNode json = JSON.readTree(line);
      assertThat(json.isObject()).as("a JSON object: %s", line).isTrue();
      for (String field : List.of("timestamp", "level", "loggerName", "threadName",
          "formattedMessage")) {
        assertThat(json.hasNonNull(field)).as("%s in %s", field, line).isTrue();
      }
      lines.add(json);
    }
    // each bounded
    assertThat(output).allSatisfy(line -> assertThat(line.length()).isLessThan(LINE_BOUND));
    assertThat(lines).allSatisfy(json -> assertThat(json.path("formattedMessage").asText())
        .hasSizeLessThanOrEqualTo(BoundedJsonEncoder.MESSAGE));
    // the run's steps carry the request, the operation and the step
    List<JsonNode> steps = lines.stream()
        .filter(json -> STEP_LINE.matcher(json.path("formattedMessage").asText()).matches())
        .toList();
    assertThat(steps).as("one line per step of an organisation-token run").hasSize(3);
    assertThat(lines).filteredOn(json -> json.path("formattedMessage").asText()
            .contains("CREATE_ORG_TOKEN failed")).singleElement()
        .satisfies(retry -> assertThat(retry.path("mdc").path("step").asText())
            .isEqualTo("CREATE_ORG_TOKEN"));
    assertThat(steps).allSatisfy(json -> {
      Matcher step = STEP_LINE.matcher(json.path("formattedMessage").asText());
      assertThat(step.matches()).isTrue();
      assertThat(json.path("mdc").path("request_id").asText()).isEqualTo(step.group(1))
          .isEqualTo(Long.toString(requestId));
      assertThat(json.path("mdc").path("operation").asText()).matches("PROVISION#\\d+");
      assertThat(json.path("mdc").path("step").asText()).isEqualTo(step.group(2));
    });
    // and so does every other line about the request: the link, its claim, the card, the notices
    List<JsonNode> aboutTheRequest = lines.stream().filter(json -> json.path("formattedMessage")
        .asText().matches("(?is).*request #?" + requestId + "\\b.*")).toList();
    assertThat(aboutTheRequest).hasSizeGreaterThan(steps.size());
    assertThat(aboutTheRequest).allSatisfy(json -> assertThat(
        json.path("mdc").path("request_id").asText()).as("request_id of %s", json)
        .isEqualTo(Long.toString(requestId)));
    // and no secret anywhere
    String all = String.join("\n", output);
    assertThat(secrets).hasSize(7).doesNotContainNull();
    assertThat(secrets).allSatisfy(secret -> assertThat(all).doesNotContain(secret));
  }
}

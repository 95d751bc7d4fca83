package org.webops.dockerhubbot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Response;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.BotProcess;
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;

/**
 * The fakes of Slack, Docker Hub and CircleCI in this JVM, and people's clicks sent to bots that
 * run as processes of their own (the packaged jar). What the bots did is read off the fakes, as
 * people would see it; the database only once the processes have stopped.
 */
public final class Bots implements AutoCloseable {
  public static final String REQUESTER = "U0REQUESTER";
  public static final String APPROVER = "U0APPROVER";
  static final String ORIGIN = "C0GENERAL";
  public static final String ORG_TOKENS = "/v2/orgs/" + TestBot.ORG + "/access-tokens";
  public static final Duration LONG = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  public final FakeSlack slack;
  public final FakeCircleCi circleci;
  public final FakeDockerHub dockerhub;
  private int clicks;

  public Bots() throws IOException {
    slack = new FakeSlack();
    circleci = new FakeCircleCi();
    dockerhub = TestBot.newDockerHub();
    slack.channelMembers(Set.of(REQUESTER, APPROVER, FakeSlack.BOT_USER));
  }

  /** The environment of a bot against these fakes, on the given database. */
  public Map<String, String> environment(Path dir, String databaseUrl) {
    Map<String, String> env = new HashMap<>(TestBot.baseEnvironment(dir, slack, circleci));
    env.put("DOCKERHUB_API_URL", dockerhub.apiUrl());
    env.put("DATABASE_URL", databaseUrl);
    return env;
  }

  /** Submits the request form for {@code pipeline} to {@code bot}. */
  public void submit(BotProcess bot, String pipeline) throws IOException {
    try (Response response = bot.send(ModalValues.valid().with("pipeline", pipeline)
        .with("context", "").submittedBy(REQUESTER, ORIGIN))) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  /** The card posted for the request of {@code pipeline}, as Slack holds it. */
  public FakeSlack.Call card(String pipeline) {
    return Await.first(() -> cards(pipeline).stream().findFirst(), "the card of " + pipeline);
  }

  /** Every card post for the pipeline (a duplicate would be a second). */
  List<FakeSlack.Call> cards(String pipeline) {
    return slack.posts(TestBot.APPROVAL_CHANNEL).stream()
        .filter(call -> call.param("text") != null && call.param("text").endsWith(pipeline))
        .toList();
  }

  /** The request id the card carries in its metadata. */
  public static long requestId(FakeSlack.Call card) {
    try {
      return Long.parseLong(JSON.readTree(card.param("metadata")).path("event_payload")
          .path("request_id").asText());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Clicks a button of the card as {@code user}; returns the response URL's name. */
  public String click(BotProcess bot, FakeSlack.Call card, String user, String action)
      throws IOException {
    String name = action + "-" + (++clicks);
    String ts = Await.first(() -> slack.messages(TestBot.APPROVAL_CHANNEL).stream()
        .filter(m -> m.threadTs() == null && m.text().equals(card.param("text")))
        .map(FakeSlack.Message::ts).findFirst(), "the card's ts");
    try (Response response = bot.send(SlackRequests.blockAction(user, action,
        Long.toString(requestId(card)), TestBot.APPROVAL_CHANNEL, ts,
        slack.responseUrl(name)))) {
      assertThat(response.code()).isEqualTo(200);
    }
    return name;
  }

  /** Submits a modal about the card's request as {@code user}, as Slack does. */
  void submitModal(BotProcess bot, FakeSlack.Call card, String user, String callbackId,
      com.fasterxml.jackson.databind.node.ObjectNode values) throws IOException {
    try (Response response = bot.send(SlackRequests.viewSubmission(user, callbackId,
        Long.toString(requestId(card)), values))) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  /** The text of the card's last rewrite, if any. */
  Optional<String> lastUpdate(FakeSlack.Call card) {
    List<FakeSlack.Call> updates = slack.calls("chat.update").stream()
        .filter(u -> card.param("text").equals(u.param("text"))).toList();
    return updates.isEmpty() ? Optional.empty()
        : Optional.of(blocksText(updates.get(updates.size() - 1)));
  }

  public void awaitCard(FakeSlack.Call card, String text) {
    Await.until(() -> lastUpdate(card).map(t -> t.contains(text)).orElse(false), LONG,
        () -> "the card showing \"" + text + "\"; it shows " + lastUpdate(card));
  }

  /** Direct messages to the requester containing {@code text}. */
  List<String> toldRequester(String text) {
    return slack.directMessages(REQUESTER).stream().map(call -> call.param("text"))
        .filter(t -> t.contains(text)).toList();
  }

  /** Waits until the requester was told {@code text} (the outbox delivers after the commit). */
  public List<String> awaitToldRequester(String text) {
    Await.until(() -> !toldRequester(text).isEmpty(), LONG,
        () -> "a direct message to the requester with \"" + text + "\"");
    return toldRequester(text);
  }

  /** One-time links the approver got with {@code text}. */
  public List<String> linksToApprover(String text) {
    return slack.calls("chat.postEphemeral").stream()
        .filter(call -> APPROVER.equals(call.param("user")) && call.param("text").contains(text)
            && call.param("text").contains("/s/"))
        .map(call -> call.param("text")).toList();
  }

  static String blocksText(FakeSlack.Call update) {
    try {
      StringBuilder text = new StringBuilder();
      for (JsonNode block : JSON.readTree(update.param("blocks"))) {
        block.findValues("text").forEach(t -> text.append(t.isTextual() ? t.asText()
            : t.path("text").asText()).append('\n'));
      }
      return text.toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    dockerhub.close();
    circleci.close();
    slack.close();
  }
}

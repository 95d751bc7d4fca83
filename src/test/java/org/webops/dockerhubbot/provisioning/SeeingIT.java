package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * What people see of credentials, end to end: {@code status} and {@code list} answered in the
 * ack of a signed slash command, and the App Home tab published on a signed event.
 */
class SeeingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLAIN_USER = "U0PLAIN";

  @RegisterExtension final RunningBot running = new RunningBot();

  @Test
  void status_doneOrganisationToken_everyFieldVariableNamesAndTheAuditTrailButNoSecret()
      throws Exception {
    // given
    Flow flow = new Flow(running);
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    flow.awaitToldRequester("is done:");
    for (int i = 0; i < 6; i++) { // each refused with an audit row: more rows than status shows
      flow.click(Flow.REQUESTER, "retry-action");
    }
    Await.until(() -> flow.bot().audit().forRequest(flow.id()).size() >= 11, Flow.LONG,
        () -> "eleven audit rows; " + flow.bot().audit().forRequest(flow.id()));
    String token = flow.bot().dockerhub().orgTokens().get(0).token();
    int dockerHubCalls = flow.bot().dockerhub().requests().size();

    // when
    String status = Await.first(() -> {
      String answer = command(Flow.REQUESTER, "status " + Flow.PIPELINE);
      int total = flow.bot().audit().forRequest(flow.id()).size();
      return answer.contains(" of " + total + "):*") ? java.util.Optional.of(answer)
          : java.util.Optional.empty();
    }, "a status whose audit total is the number of audit rows");

    // then
    System.out.println("status reply:\n" + status);
    Instant expires = flow.bot().requests().times(flow.id()).expiresAt().orElseThrow();
    assertThat(expires).isAfter(Instant.now().plus(Duration.ofDays(89)));
    assertThat(status).contains(
        "*`" + Flow.PIPELINE + "`*: request #" + flow.id() + " by <@" + Flow.REQUESTER + ">",
        "*State:* done · approved by <@" + Flow.APPROVER + ">",
        "*Kind:* organisation access token · *Scope:* Read-only (pull)",
        "*Token:* `circleci-opg-refunds-r" + flow.id() + "-g1`",
        "*Repositories:* `*/*/public`, `exampleorg/*`",
        "*Expires:* " + SlackText.date(expires) + " · *Last rotation:* never",
        "*CircleCI:* project variables of `" + Flow.PIPELINE
            + "`: `DOCKER_ACCESS_TOKEN`, `DOCKER_USER`");
    List<AuditEvent> trail = flow.bot().audit().forRequest(flow.id());
    List<AuditEvent> newest = trail.subList(Math.max(0, trail.size() - 10), trail.size());
    StringBuilder lines = new StringBuilder("*Audit trail (last " + newest.size() + " of "
        + trail.size() + "):*");
    for (AuditEvent event : newest) {
      lines.append("\n• ").append(SlackText.dateTime(event.at())).append(' ')
          .append(event.actor().equals("bot") ? "the bot" : "<@" + event.actor() + ">")
          .append(' ').append(event.action());
    }
    assertThat(status).contains(lines.toString());
    assertThat(newest).hasSize(10).extracting(AuditEvent::action).contains("DONE",
        "RUN_CONTROL_REFUSED");
    assertThat(status).contains("*Audit trail (last 10 of " + trail.size() + "):*");
    assertThat(status).doesNotContain(token, TestBot.ADMIN_PASSWORD, TestBot.ADMIN_TOKEN,
        "dckr_");
    assertThat(flow.bot().dockerhub().requests()).as("status asks Docker Hub nothing")
        .hasSize(dockerHubCalls);
  }

  @Test
  void list_twoCredentialsAndAPendingRequest_soonestExpiryFirstThenTheRequestInFlight()
      throws Exception {
    // given: a 90-day credential made first, a 30-day one second, then a request still waiting
    Flow longer = new Flow(running);
    longer.submitAndApprove(Flow.orgToken().with("pipeline", "gh/example/longer")
        .with("lifetime", "90"));
    longer.awaitState(RequestState.DONE);
    Flow shorter = new Flow(running);
    shorter.submitAndApprove(Flow.orgToken().with("pipeline", "gh/example/shorter")
        .with("lifetime", "30"));
    shorter.awaitState(RequestState.DONE);
    Flow pending = new Flow(running);
    pending.submit(Flow.orgToken().with("pipeline", "gh/example/waiting"));

    // when
    String list = command(PLAIN_USER, "list");

    // then
    System.out.println("list reply:\n" + list);
    int live = list.indexOf("*Live credentials*");
    int first = list.indexOf("`gh/example/shorter` org-token, expires "
        + SlackText.date(expiry(shorter)));
    int second = list.indexOf("`gh/example/longer` org-token, expires "
        + SlackText.date(expiry(longer)));
    int inFlight = list.indexOf("*Requests in flight*");
    int waiting = list.indexOf("#" + pending.id() + " `gh/example/waiting` org-token: *pending"
        + " approval* · <@" + Flow.REQUESTER + ">");
    assertThat(List.of(live, first, second, inFlight, waiting)).doesNotContain(-1)
        .isSorted();
  }

  @Test
  void appHome_approver_requestToDecideAndACredentialExpiringSoonWithRotate() throws Exception {
    // given: no automatic rotation, so that the credential waits to be rotated by a person
    running.restartWith(Map.of("AUTO_ROTATE_BEFORE", "P0D"));
    Flow expiring = new Flow(running);
    expiring.submitAndApprove(Flow.orgToken().with("pipeline", "gh/example/expiring")
        .with("lifetime", "30"));
    expiring.awaitState(RequestState.DONE);
    running.bot().clock().advance(Duration.ofDays(20));
    Flow waiting = new Flow(running);
    waiting.submit(Flow.orgToken().with("pipeline", "gh/example/waiting"));

    // when
    JsonNode home = openHome(Flow.APPROVER);

    // then
    String text = texts(home);
    System.out.println("approver's App Home:\n" + text);
    assertThat(text).contains("*Your requests*\n_none_", "*Waiting for your decision*",
        "• #" + waiting.id() + " `gh/example/waiting` org-token from <@" + Flow.REQUESTER + ">",
        "*Expiring within 14 days*",
        "• `gh/example/expiring` org-token, expires " + SlackText.date(expiry(expiring)));
    assertThat(expiry(expiring)).isBefore(running.bot().clock().instant().plus(
        Duration.ofDays(14)));
    JsonNode rotate = section(home, "expiring-" + expiring.id()).path("accessory");
    assertThat(rotate.path("action_id").asText()).isEqualTo("rotate-action");
    assertThat(rotate.path("value").asText()).isEqualTo(Long.toString(expiring.id()));
    assertThat(expiring.request().state()).isEqualTo(RequestState.DONE);
  }

  @Test
  void appHome_plainRequester_theirRequestsAndNoApproverSections() throws Exception {
    // given: an approver's credential, someone else's pending request, and the user's own
    Flow done = new Flow(running);
    done.submitAndApprove(Flow.orgToken().with("pipeline", "gh/example/done"));
    done.awaitState(RequestState.DONE);
    new Flow(running).submit(Flow.orgToken().with("pipeline", "gh/example/other"));
    try (Response response = running.bot().send(Flow.orgToken()
        .with("pipeline", "gh/example/mine").submittedBy(PLAIN_USER, Flow.ORIGIN))) {
      assertThat(response.code()).isEqualTo(200);
    }

    // when
    JsonNode home = openHome(PLAIN_USER);

    // then
    String text = texts(home);
    assertThat(text).contains("*Your requests*", "`gh/example/mine`: pending approval")
        .doesNotContain("Waiting for your decision", "Expiring within", "gh/example/other",
            "gh/example/done");
    assertThat(home.toString()).doesNotContain("rotate-action");
  }

  private Instant expiry(Flow flow) {
    return flow.bot().requests().times(flow.id()).expiresAt().orElseThrow();
  }

  /** The texts of a slash command's ephemeral answer, its blocks' texts or else its text. */
  private String command(String user, String text) {
    try (Response response = running.bot().send(SlackRequests.slashCommand(user, Flow.ORIGIN,
        text, running.slack().responseUrl("cmd")))) {
      assertThat(response.code()).isEqualTo(200);
      JsonNode answer = JSON.readTree(response.body().string());
      assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
      return answer.path("blocks").isEmpty() ? answer.path("text").asText() : texts(answer);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Sends a signed {@code app_home_opened} and returns the view published for the user. */
  private JsonNode openHome(String user) throws Exception {
    int before = publishedTo(user).size();
    String event = "{\"token\":\"t\",\"team_id\":\"T0001\",\"api_app_id\":\"A0001\","
        + "\"type\":\"event_callback\",\"event_id\":\"Ev" + System.nanoTime() + "\","
        + "\"event_time\":1700000000,\"event\":{\"type\":\"app_home_opened\",\"user\":\"" + user
        + "\",\"channel\":\"D0001\",\"tab\":\"home\",\"event_ts\":\"1700000000.1\"}}";
    try (Response response = running.bot().sendJson(event)) {
      assertThat(response.code()).isEqualTo(200);
    }
    Await.until(() -> publishedTo(user).size() > before, Flow.LONG,
        () -> "views.publish for " + user + "; calls: " + running.slack().methods());
    List<FakeSlack.Call> published = publishedTo(user);
    return JSON.readTree(published.get(published.size() - 1).param("view"));
  }

  private List<FakeSlack.Call> publishedTo(String user) {
    return running.slack().calls("views.publish").stream()
        .filter(call -> user.equals(call.param("user_id"))).toList();
  }

  private static JsonNode section(JsonNode view, String blockIdPrefix) {
    for (JsonNode block : view.path("blocks")) {
      if (block.path("block_id").asText().startsWith(blockIdPrefix + ".")) {
        return block;
      }
    }
    throw new AssertionError("no block " + blockIdPrefix + " in " + view);
  }

  /** Every block's text (a section's, a context's elements'), one after the other. */
  private static String texts(JsonNode message) {
    List<String> texts = new ArrayList<>();
    for (JsonNode block : message.path("blocks")) {
      if (block.has("text")) {
        texts.add(block.path("text").path("text").asText());
      }
      for (JsonNode element : block.path("elements")) {
        texts.add(element.path("text").asText());
      }
    }
    return String.join("\n", texts);
  }
}

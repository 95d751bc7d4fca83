package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.Response;
import org.webops.dockerhubbot.slack.blocks.SlackIds;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;

/** Drives one request through the running bot with signed Slack requests, as people would. */
final class Flow {
  static final String REQUESTER = "U0REQUESTER";
  static final String APPROVER = "U0APPROVER";
  static final String OTHER_APPROVER = "U0APPROVER2";
  static final String ORIGIN = "C0GENERAL";
  static final String PIPELINE = "gh/example/opg-refunds";
  static final Duration LONG = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunningBot running;
  private long requestId;
  private int clicks;

  Flow(RunningBot running) {
    this.running = running;
    running.slack().channelMembers(Set.of(REQUESTER, APPROVER, OTHER_APPROVER, FakeSlack.BOT_USER));
  }

  TestBot bot() {
    return running.bot();
  }

  FakeSlack slack() {
    return running.slack();
  }

  long id() {
    return requestId;
  }

  /** Submits the form and approves it; returns the request id. */
  Flow submitAndApprove(ModalValues form) throws Exception {
    submit(form);
    click(APPROVER, "approve-action");
    return this;
  }

  Flow submit(ModalValues form) throws Exception {
    try (Response response = bot().send(form.submittedBy(REQUESTER, ORIGIN))) {
      assertThat(response.code()).isEqualTo(200);
    }
    String pipeline = form.json().path("pipeline-block").path("pipeline-action").path("value").asText();
    ProvisioningRequest request = Await.first(() -> bot().requests().findLive(pipeline, java.util.Optional.empty())
        .filter(r -> r.card().isPresent()), "the request's card");
    requestId = request.id();
    return this;
  }

  static ModalValues orgToken() {
    return ModalValues.valid().with("pipeline", PIPELINE);
  }

  static ModalValues serviceUser() {
    return ModalValues.valid().with("pipeline", PIPELINE).with("kind", "service-user")
        .with("repositories", "");
  }

  /** Clicks a button of the card as {@code user}; returns the response URL's name. */
  String click(String user, String action) throws Exception {
    String name = action + "-" + (++clicks);
    MessageRef card = request().card().orElseThrow();
    try (Response response = bot().send(SlackRequests.blockAction(user, action,
        Long.toString(requestId), card.channel(), card.ts(), slack().responseUrl(name)))) {
      assertThat(response.code()).isEqualTo(200);
    }
    return name;
  }

  /** Submits the rotation modal as {@code user}, as Slack sends it after views.open. */
  void rotate(String user, boolean sendLink) throws Exception {
    ObjectNode box = JSON.createObjectNode().put("type", "checkboxes");
    ArrayNode selected = box.putArray("selected_options");
    if (sendLink) {
      selected.addObject().put("value", SlackIds.SEND_LINK_VALUE).putObject("text")
          .put("type", "plain_text").put("text", "Send me the new token");
    }
    ObjectNode values = JSON.createObjectNode();
    values.putObject(SlackIds.SEND_LINK_BLOCK).set(SlackIds.SEND_LINK_ACTION, box);
    submitModal(user, SlackIds.ROTATE_MODAL, values);
  }

  /** Submits the revocation modal as {@code user} with a reason. */
  String revoke(String user, String reason) throws Exception {
    ObjectNode values = JSON.createObjectNode();
    values.putObject(SlackIds.REVOKE_REASON_BLOCK)
        .set(SlackIds.REVOKE_REASON_ACTION, SlackRequests.textValue(reason));
    return submitModal(user, SlackIds.REVOKE_MODAL, values);
  }

  private String submitModal(String user, String callbackId, ObjectNode values)
      throws Exception {
    try (Response response = bot().send(SlackRequests.viewSubmission(user, callbackId,
        Long.toString(requestId), values))) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  /** Runs {@code /dockerhub-user <text>} as {@code user}; returns the ack's body. */
  String command(String user, String text) throws Exception {
    try (Response response = bot().send(SlackRequests.slashCommand(user, ORIGIN, text,
        slack().responseUrl("command-" + (++clicks))))) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  /** Direct messages the bot sent {@code user}. */
  List<String> directTo(String user) {
    return slack().calls("chat.postMessage").stream()
        .filter(call -> user.equals(call.param("channel"))).map(call -> call.param("text"))
        .toList();
  }

  String awaitDirect(String user, String text) {
    return Await.first(() -> directTo(user).stream().filter(t -> t.contains(text)).findFirst(),
        "a direct message to " + user + " with \"" + text + "\"");
  }

  /** A service user's request through sign-up and invitation to done; returns its Docker ID. */
  String serviceUserDone() throws Exception {
    submitAndApprove(serviceUser());
    awaitCard("Account created and e-mail verified*: Waiting for <@" + APPROVER + ">");
    JsonNode signUp = openLink("Sign-up for request #" + requestId);
    String dockerId = OpenedLinks.field(signUp, "Docker ID");
    bot().dockerhub().signUp(dockerId, OpenedLinks.field(signUp, "Password"));
    click(APPROVER, "signed-up-action");
    awaitCard("Invitation accepted, member of the team*: Waiting");
    bot().dockerhub().acceptInvite(dockerId);
    click(APPROVER, "check-membership-action");
    awaitState(RequestState.DONE);
    return dockerId;
  }

  ProvisioningRequest request() {
    return bot().requests().find(requestId).orElseThrow();
  }

  void awaitState(RequestState state) {
    Await.until(() -> request().state() == state, LONG,
        () -> "request #" + requestId + " " + state + ", is " + request().state()
            + "; card: " + lastCard());
  }

  /** Waits until the card shows {@code text} (the last rewrite). */
  void awaitCard(String text) {
    Await.until(() -> lastCard().contains(text), LONG,
        () -> "card showing \"" + text + "\"; it shows: " + lastCard());
  }

  void awaitThread(String text) {
    Await.until(() -> thread().stream().anyMatch(t -> t.contains(text)), LONG,
        () -> "a thread reply with \"" + text + "\"; replies: " + thread());
  }

  /** The text of the card's last rewrite, block by block. */
  String lastCard() {
    List<FakeSlack.Call> updates = slack().calls("chat.update");
    return updates.isEmpty() ? "" : cardText(updates.get(updates.size() - 1));
  }

  static String cardText(FakeSlack.Call update) {
    try {
      List<String> texts = new ArrayList<>();
      for (JsonNode block : JSON.readTree(update.param("blocks"))) {
        block.findValues("text").forEach(text -> texts.add(text.isTextual() ? text.asText()
            : text.path("text").asText()));
      }
      return String.join("\n", texts);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The card's blocks as JSON, last rewrite. */
  String lastCardJson() {
    List<FakeSlack.Call> updates = slack().calls("chat.update");
    return updates.isEmpty() ? "" : updates.get(updates.size() - 1).param("blocks");
  }

  List<String> thread() {
    return slack().calls("chat.postMessage").stream()
        .filter(call -> call.param("thread_ts") != null).map(call -> call.param("text")).toList();
  }

  /** Ephemeral messages to the approver in the approval channel that carry a one-time link. */
  List<String> linksTo(String user) {
    return slack().calls("chat.postEphemeral").stream()
        .filter(call -> user.equals(call.param("user"))
            && TestBot.APPROVAL_CHANNEL.equals(call.param("channel"))
            && call.param("text").contains("/s/"))
        .map(call -> call.param("text")).toList();
  }

  JsonNode openLink(String containing) {
    String text = Await.first(() -> linksTo(APPROVER).stream().filter(t -> t.contains(containing))
        .reduce((first, second) -> second), "a link message with " + containing);
    return OpenedLinks.open(bot().secretLinks(), text);
  }

  /** What the requester was told, ephemerally or by DM. */
  List<String> toldRequester() {
    List<String> told = new ArrayList<>();
    for (FakeSlack.Call call : slack().calls()) {
      boolean ephemeral = call.method().equals("chat.postEphemeral")
          && REQUESTER.equals(call.param("user"));
      boolean direct = call.method().equals("chat.postMessage")
          && REQUESTER.equals(call.param("channel"));
      if (ephemeral || direct) {
        told.add(call.param("text"));
      }
    }
    return told;
  }

  /** Waits until the requester has been told something containing {@code text}; notices go out
   * on the bot's outbox thread, after the state change that caused them. */
  String awaitToldRequester(String text) {
    return Await.first(() -> toldRequester().stream().filter(t -> t.contains(text)).findFirst(),
        "a notice to the requester with \"" + text + "\"");
  }

  Optional<String> responseTo(String name) {
    return slack().calls().stream().filter(call -> call.method().equals("respond/" + name))
        .map(FakeSlack.Call::body).findFirst();
  }

  /** One active organisation token, and the same value in CircleCI and in the link. */
  void assertOneOrgTokenEverywhere() {
    var hub = bot().dockerhub();
    assertThat(hub.orgTokens()).singleElement().satisfies(t -> assertThat(t.active()).isTrue());
    String token = hub.orgTokens().get(0).token();
    assertThat(bot().circleci().projectVariables(PIPELINE))
        .isEqualTo(java.util.Map.of("DOCKER_USER", TestBot.ORG, "DOCKER_ACCESS_TOKEN", token));
    assertThat(OpenedLinks.field(openLink("Credentials for"), "Organisation access token"))
        .isEqualTo(token);
  }

  /** One active personal token, in CircleCI and the link; the user in the team. */
  void assertOneServiceUserEverywhere(String dockerId) {
    var hub = bot().dockerhub();
    assertThat(hub.personalTokens(dockerId)).singleElement()
        .satisfies(t -> assertThat(t.active()).isTrue());
    String token = hub.personalTokens(dockerId).get(0).token();
    assertThat(bot().circleci().projectVariables(PIPELINE))
        .isEqualTo(java.util.Map.of("DOCKER_USER", dockerId, "DOCKER_ACCESS_TOKEN", token));
    assertThat(hub.teamMembers()).containsExactly(dockerId);
    assertThat(OpenedLinks.field(openLink("Credentials for"), "Access token")).isEqualTo(token);
  }
}

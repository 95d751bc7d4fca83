package org.webops.dockerhubbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;

class RequestSubmissionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUESTER = "U0REQUESTER";
  private static final String ORIGIN = "C0GENERAL";

  @RegisterExtension final RunningBot running = new RunningBot();
  private FakeSlack slack;
  private TestBot bot;

  @BeforeEach
  void start() {
    slack = running.slack();
    bot = running.bot();
  }

  @Test
  void submit_validForm_storesPendingRequestPostsCardAndTellsRequester() throws Exception {
    // when
    try (Response response = bot.send(ModalValues.valid()
        .with("context", "docker-hub").submittedBy(REQUESTER, ORIGIN))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEmpty();
    }

    // then: the row holds every field
    List<ProvisioningRequest> stored = all();
    assertThat(stored).hasSize(1);
    ProvisioningRequest request = stored.get(0);
    assertThat(request.state()).isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(request.requester()).isEqualTo(REQUESTER);
    assertThat(request.originChannel()).contains(ORIGIN);
    assertThat(request.spec().pipeline()).isEqualTo("gh/example/app");
    assertThat(request.spec().kind()).isEqualTo(CredentialKind.ORG_TOKEN);
    assertThat(request.spec().scope()).isEqualTo(TokenScope.READ_ONLY);
    assertThat(request.spec().repositories()).containsExactly("*/*/public", "exampleorg/*");
    assertThat(request.spec().circleciContext()).contains("docker-hub");
    assertThat(request.spec().userVariable()).isEqualTo("DOCKER_USER");
    assertThat(request.spec().tokenVariable()).isEqualTo("DOCKER_ACCESS_TOKEN");
    assertThat(request.spec().lifetimeDays()).isEqualTo(90);
    assertThat(request.spec().reason()).startsWith("The app pipeline pulls");
    assertThat(bot.audit().forRequest(request.id())).extracting(AuditEvent::action)
        .containsExactly("REQUESTED");

    // and: the card goes to the approval channel with both buttons, the requester is told
    Await.until(() -> slack.posts(TestBot.APPROVAL_CHANNEL).size() == 1, Duration.ofSeconds(10),
        () -> "the card");
    FakeSlack.Call card = slack.posts(TestBot.APPROVAL_CHANNEL).get(0);
    assertThat(JSON.readTree(card.param("blocks")).toString()).contains("approve-action", "reject-action",
        "gh/example/app", "<@" + REQUESTER + ">");
    // by direct message, which Slack keeps (an ephemeral reply may be dropped)
    FakeSlack.Call told = slack.awaitDirect(REQUESTER, "waits for approval");
    assertThat(told.param("text")).contains("#" + request.id(), "<#" + TestBot.APPROVAL_CHANNEL);
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
    awaitCardStored(request.id());
  }

  static Stream<Arguments> invalidForms() {
    return Stream.of(
        Arguments.of("malformed slug", ModalValues.valid().with("pipeline", "example/app"), "pipeline-block"),
        Arguments.of("slug with spaces", ModalValues.valid().with("pipeline", "gh/exa mple/app"), "pipeline-block"),
        Arguments.of("bad user variable", ModalValues.valid().with("user", "DOCKER-USER"), "user-variable-block"),
        Arguments.of("variable starting with a digit", ModalValues.valid().with("token", "1TOKEN"), "token-variable-block"),
        Arguments.of("reserved variable", ModalValues.valid().with("user", "CIRCLE_USER"), "user-variable-block"),
        Arguments.of("same variable twice", ModalValues.valid().with("token", "DOCKER_USER"), "token-variable-block"),
        Arguments.of("over-long reason", ModalValues.valid().with("reason", "x".repeat(501)), "reason-block"),
        Arguments.of("blank reason", ModalValues.valid().with("reason", "   "), "reason-block"),
        Arguments.of("bad repository", ModalValues.valid().with("repositories", "Example/*"), "repositories-block"),
        Arguments.of("context over two lines", ModalValues.valid().with("context", "docker\nhub"), "context-block"),
        Arguments.of("repository of another organisation", ModalValues.valid().with("repositories", "otherorg/repo"), "repositories-block"),
        Arguments.of("unknown lifetime", ModalValues.valid().with("lifetime", "9999"), "lifetime-block"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidForms")
  void submit_invalidField_errorOnThatFieldAndNothingStored(String name, ModalValues form,
      String block) throws Exception {
    // when
    JsonNode answer = submit(form);

    // then
    assertThat(answer.path("response_action").asText()).isEqualTo("errors");
    assertThat(answer.path("errors").has(block)).as("errors %s", answer).isTrue();
    assertThat(answer.path("errors").path(block).asText()).isNotBlank();
    assertThat(all()).isEmpty();
    assertThat(slack.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void submit_projectUnknownToCircleCi_errorOnPipelineAndNothingStored() throws Exception {
    // given
    bot.circleci().missing("gh/example/typo");

    // when
    JsonNode answer = submit(ModalValues.valid().with("pipeline", "gh/example/typo"));

    // then
    assertThat(answer.path("errors").path("pipeline-block").asText())
        .contains("CircleCI has no project gh/example/typo");
    assertThat(all()).isEmpty();
    var lookup = projectLookups().get(0);
    assertThat(lookup.getUrl().encodedPath()).isEqualTo("/api/v2/project/gh%2Fexample%2Ftypo");
    assertThat(lookup.getHeaders().get("Circle-Token")).isEqualTo("circle-test-token");
  }

  @Test
  void submit_circleCiFailing_requestTakenUncheckedWithOneTry() throws Exception {
    // given
    bot.circleci().failWith(503);

    // when
    JsonNode answer = submit(ModalValues.valid());

    // then
    assertThat(answer.has("errors")).isFalse();
    assertThat(all()).hasSize(1);
    assertThat(projectLookups()).hasSize(1);
  }

  /** CircleCI requests other than the start-up check of CIRCLECI_TOKEN ({@code GET /me}). */
  private java.util.List<mockwebserver3.RecordedRequest> projectLookups() {
    return bot.circleci().requests().stream()
        .filter(r -> r.getUrl().encodedPath().startsWith("/api/v2/project/")).toList();
  }

  @Test
  void submit_circleCiTooSlow_requestTakenUncheckedBeforeSlackGivesUp() throws Exception {
    // given: an answer later than the lookup's 1.5 s budget
    bot.circleci().delay(java.time.Duration.ofSeconds(5));

    // when
    JsonNode answer = submit(ModalValues.valid());

    // then
    assertThat(answer.has("errors")).isFalse();
    assertThat(all()).hasSize(1);
  }

  @Test
  void onlyAnOrganisationTokenAsAdmin_organisationTokensNotOfferedAndRefusedOnTheKind()
      throws Exception {
    // given: Docker Hub does not let an organisation access token manage organisation tokens
    bot = running.restartWith(Map.of("DOCKERHUB_ADMIN_USERNAME", "",
        "DOCKERHUB_ADMIN_PASSWORD", "", "DOCKERHUB_ADMIN_TOKEN", TestBot.ADMIN_TOKEN));

    // when: the form is opened, and an old one submitted with an organisation token
    try (Response opened = bot.send(org.webops.dockerhubbot.testing.SlackRequests.slashCommand(
        REQUESTER, ORIGIN, "new", slack.responseUrl("cmd")))) {
      assertThat(opened.code()).isEqualTo(200);
    }
    JsonNode answer = submit(ModalValues.valid());

    // then
    String view = slack.await("views.open", 1).get(0).param("view");
    assertThat(view).contains("\"value\":\"service-user\"").doesNotContain("\"value\":\"org-token\"")
        .contains("username and password (DOCKERHUB_ADMIN_USERNAME");
    assertThat(answer.path("errors").path("kind-block").asText())
        .contains("owner's username and password", "Choose another kind");
    assertThat(all()).isEmpty();
  }

  @Test
  void submit_projectOfAGitHubAppOrganisation_compactIdsAccepted() throws Exception {
    JsonNode answer = submit(ModalValues.valid().with("pipeline",
        "circleci/E6i3yYZeWZhcf8UNqcKfjN/13c8F7nusayivoSxC6GMsw"));

    assertThat(answer.has("errors")).as(answer.toString()).isFalse();
    assertThat(all()).singleElement().satisfies(r -> assertThat(r.project()).isPresent());
  }

  @Test
  void submit_sameProjectUnderAnotherSlugForm_errorOnPipelineAndNoSecondRow() throws Exception {
    // given
    submit(ModalValues.valid());

    // when: github/... names the same project as gh/...
    JsonNode answer = submit(ModalValues.valid().with("pipeline", "github/example/app"));

    // then
    assertThat(answer.path("errors").path("pipeline-block").asText())
        .contains("already waits for approval", "#" + all().get(0).id());
    assertThat(all()).hasSize(1);
  }

  @Test
  void submit_sameProjectWhileCircleCiDoesNotAnswer_stillRefusedByTheNormalisedSlug()
      throws Exception {
    // given: a request checked against CircleCI, then CircleCI stops answering
    submit(ModalValues.valid());
    bot.circleci().failWith(503);

    // when
    JsonNode answer = submit(ModalValues.valid().with("pipeline", "github/Example/app"));

    // then
    assertThat(answer.path("errors").path("pipeline-block").asText())
        .contains("#" + all().get(0).id());
    assertThat(all()).hasSize(1);
  }

  @Test
  void submit_contextVariablesAnotherLiveRequestWrites_errorOnContextNamingThatRequest()
      throws Exception {
    // given
    submit(ModalValues.valid().with("context", "docker-hub"));
    long owner = all().get(0).id();

    // when: another pipeline of the organisation, same context and names
    JsonNode taken = submit(ModalValues.valid().with("pipeline", "gh/example/other")
        .with("context", "docker-hub"));
    JsonNode elsewhere = submit(ModalValues.valid().with("pipeline", "gh/example/third")
        .with("context", "docker-hub").with("user", "THIRD_USER").with("token", "THIRD_TOKEN"));

    // then
    assertThat(taken.path("errors").path("context-block").asText())
        .contains("Request #" + owner, "gh/example/app", "DOCKER_USER", "docker-hub");
    assertThat(elsewhere.has("errors")).isFalse();
    assertThat(all()).extracting(r -> r.spec().pipeline())
        .containsExactly("gh/example/app", "gh/example/third");
  }

  @ParameterizedTest(name = "{0} characters a line")
  @org.junit.jupiter.params.provider.ValueSource(ints = {97, 119})
  void submit_twentyValidRepositoriesTooLongForTheCardOrTheColumn_errorOnTheField(int length)
      throws Exception {
    // 97: 1,959 characters stored fit the column, but the card's field would pass Slack's 2,000;
    // 119: 2,379 characters would not even fit the column
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String name = String.format("example/r%02d", i);
      lines.append(name).append("a".repeat(length - name.length())).append('\n');
    }

    JsonNode answer = submit(ModalValues.valid().with("repositories", lines.toString()));

    assertThat(answer.path("response_action").asText()).isEqualTo("errors");
    assertThat(answer.path("errors").path("repositories-block").asText())
        .contains("Keep the list to 1000 characters");
    assertThat(all()).isEmpty();
  }

  @Test
  void submit_pipelineAlreadyPending_errorOnPipelineAndNoSecondRow() throws Exception {
    // given
    submit(ModalValues.valid());
    awaitCardStored(all().get(0).id());

    // when: same pipeline, other letter case
    JsonNode answer = submit(ModalValues.valid().with("pipeline", "gh/Example/App"));

    // then
    assertThat(answer.path("errors").path("pipeline-block").asText())
        .contains("already waits for approval", "#" + all().get(0).id());
    assertThat(all()).hasSize(1);
  }

  @Test
  void submit_pipelineAlreadyProvisioned_errorOnPipeline() throws Exception {
    // given
    submit(ModalValues.valid());
    long id = all().get(0).id();
    try (var connection = bot.requestsDataSource().getConnection();
        var update = connection.prepareStatement("UPDATE requests SET state = 'DONE' WHERE id = ?")) {
      update.setLong(1, id);
      update.executeUpdate();
    }

    // when
    JsonNode answer = submit(ModalValues.valid());

    // then
    assertThat(answer.path("errors").path("pipeline-block").asText()).contains("already provisioned");
    assertThat(all()).hasSize(1);
  }

  @Test
  void submit_serviceUserWithoutEncryptionKey_errorOnKindAndNothingStored() throws Exception {
    // given
    bot = running.restartWith(Map.of("DATA_ENCRYPTION_KEY", ""));

    // when
    JsonNode answer = submit(ModalValues.valid().with("kind", "service-user"));

    // then
    assertThat(answer.path("errors").path("kind-block").asText()).contains("DATA_ENCRYPTION_KEY");
    assertThat(all()).isEmpty();
  }

  @Test
  void submit_dryRunConfigured_cardSaysSoAndRequestRemembersIt() throws Exception {
    // given
    bot = running.restartWith(Map.of("DRY_RUN", "true"));

    // when
    submit(ModalValues.valid());

    // then
    Await.until(() -> !slack.posts(TestBot.APPROVAL_CHANNEL).isEmpty(), Duration.ofSeconds(10),
        () -> "the card");
    String blocks = JSON.readTree(slack.posts(TestBot.APPROVAL_CHANNEL).get(0).param("blocks"))
        .toString();
    assertThat(blocks).contains("*Dry run*");
    assertThat(all().get(0).dryRun()).isTrue();
  }

  @Test
  void submit_cardPostFailsThenRestart_cardPostedByTheStartUpSweep() throws Exception {
    // given: Slack refuses the card once
    slack.answer("chat.postMessage", call -> "{\"ok\":false,\"error\":\"ratelimited\"}");
    submit(ModalValues.valid());
    Await.until(() -> !slack.posts(TestBot.APPROVAL_CHANNEL).isEmpty(), Duration.ofSeconds(10),
        () -> "a try to post the card");
    long id = all().get(0).id();
    org.webops.dockerhubbot.testing.Await.until(
        () -> bot.cards().withoutCard(java.time.Instant.now(), 10).size() == 1,
        java.time.Duration.ofSeconds(10), () -> "lease released after the failure");
    assertThat(bot.requests().find(id).orElseThrow().card()).isEmpty();

    // when: Slack answers again, and the bot restarts
    slack.answer("chat.postMessage", call -> "{\"ok\":true,\"channel\":\"" + call.param("channel")
        + "\",\"ts\":\"1700000000.777777\"}");
    bot.restart();

    // then
    awaitCardStored(id);
    assertThat(bot.requests().find(id).orElseThrow().card().orElseThrow().ts())
        .isEqualTo("1700000000.777777");
    assertThat(slack.posts(TestBot.APPROVAL_CHANNEL)).hasSize(2);
  }

  @Test
  void submit_cardPostFails_theFailureIsLoggedWithTheRequestInContext() throws Exception {
    // given: Slack refuses the card
    slack.answer("chat.postMessage", call -> "{\"ok\":false,\"error\":\"ratelimited\"}");
    try (LogCapture logs = new LogCapture()) {
      // when: the form's handler hands the card to the Slack work pool
      submit(ModalValues.valid());

      // then: the failure, on that pool's thread, names the request in the log context
      ILoggingEvent failed = Await.first(() -> logs.events().stream()
          .filter(e -> e.getFormattedMessage().startsWith("announcing request #")).findFirst(),
          "the failed announcement logged");
      long id = all().get(0).id();
      assertThat(failed.getThreadName()).startsWith("slack-work");
      assertThat(failed.getMDCPropertyMap()).containsEntry("request_id", Long.toString(id));
    }
  }

  @Test
  void submit_requestSurvivesRestartAgainstSameFile() throws Exception {
    // given
    submit(ModalValues.valid());
    ProvisioningRequest before = all().get(0);
    awaitCardStored(before.id());

    // when
    bot.restart();

    // then
    Optional<ProvisioningRequest> after = bot.requests().find(before.id());
    assertThat(after).isPresent();
    assertThat(after.get().state()).isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(after.get().spec()).isEqualTo(before.spec());
    assertThat(after.get().card()).isPresent();
  }

  private void awaitCardStored(long id) {
    org.webops.dockerhubbot.testing.Await.until(
        () -> bot.requests().find(id).flatMap(ProvisioningRequest::card).isPresent(),
        java.time.Duration.ofSeconds(10), () -> "card of #" + id + " stored");
  }

  private JsonNode submit(ModalValues form) throws Exception {
    try (Response response = bot.send(form.submittedBy(REQUESTER, ORIGIN))) {
      assertThat(response.code()).isEqualTo(200);
      String body = response.body().string();
      return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
    }
  }

  private List<ProvisioningRequest> all() {
    return bot.allRequests();
  }
}

package org.webops.dockerhubbot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.DatabaseUrl;
import org.webops.dockerhubbot.storage.TestDatabases;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.BotProcess;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.TestBot;

/**
 * The packaged bot on its default embedded database (an H2 file), killed with {@code kill -9} at
 * the worst moments, named by what the fakes have just seen, then started again. Whatever Slack
 * or an API was shown before the kill is what the bot finds after it: nothing acknowledged is
 * lost, nothing finished runs again, no second token, no second link.
 */
class CrashRecoveryProcessIT {
  private static final String PIPELINE = "gh/example/crash";

  @TempDir Path dir;
  private Bots bots;
  private BotProcess bot;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    bots = new Bots();
    env = bots.environment(dir, "jdbc:h2:file:" + dir.resolve("bot").toAbsolutePath());
    bot = BotProcess.start(dir, "bot", env);
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    bots.close();
  }

  @Test
  void killedRightAfterTheCardWasPosted_requestThereAndTheSameCardAdopted() throws Exception {
    // given: Slack has taken the card, and the bot is killed before it hears back
    FakeSlack.Hold posted = bots.slack.hold("chat.postMessage",
        call -> TestBot.APPROVAL_CHANNEL.equals(call.param("channel"))
            && call.param("thread_ts") == null, true);
    bots.submit(bot, PIPELINE);
    posted.awaitReached(Bots.LONG);
    bot.kill9();
    posted.release();

    // when
    bot = bot.restart();

    // then: the request is there, pending, on the card Slack shows; an approval on it works
    FakeSlack.Call card = bots.card(PIPELINE);
    bots.click(bot, card, Bots.APPROVER, "approve-action");
    bots.awaitCard(card, "Progress* — done");
    assertThat(bots.cards(PIPELINE)).as("one card, adopted, not posted again").hasSize(1);
    assertThat(bots.awaitToldRequester("waits for approval")).hasSizeBetween(1, 2);
    assertThat(bots.awaitToldRequester("is done:")).hasSize(1);
    assertOneTokenAndOneLink(1);
  }

  @Test
  void killedAfterDockerHubMadeTheTokenBeforeItWasRecorded_replacedNotDoubled() throws Exception {
    // given: Docker Hub makes the token but its answer is still on the way when the bot dies
    bots.dockerhub.stallNext("POST", Bots.ORG_TOKENS, Duration.ofSeconds(60));
    bots.submit(bot, PIPELINE);
    FakeSlack.Call card = bots.card(PIPELINE);
    bots.click(bot, card, Bots.APPROVER, "approve-action");
    Await.until(() -> bots.dockerhub.count("POST", Bots.ORG_TOKENS) == 1, Bots.LONG,
        () -> "Docker Hub to make the token");
    bot.kill9();

    // when
    bot = bot.restart();

    // then: the token made under this request's stored label was found, deleted and replaced
    bots.awaitCard(card, "Progress* — done");
    assertThat(bots.dockerhub.count("DELETE", Bots.ORG_TOKENS + "/")).isEqualTo(1);
    assertThat(bots.awaitToldRequester("is done:")).hasSize(1);
    assertOneTokenAndOneLink(2);
  }

  @Test
  void killedAfterDoneWasCommittedBeforeTheCardShowedIt_nothingRunsAgain() throws Exception {
    // given: the run is done; the first word of it (the card's update or the requester's notice,
    // whichever the bot sends first) never reaches Slack
    FakeSlack.Hold cardDone = bots.slack.hold("chat.update",
        call -> call.param("blocks") != null
            && Bots.blocksText(call).contains("Progress* — done"), false);
    FakeSlack.Hold toldDone = bots.slack.hold("chat.postMessage",
        call -> Bots.REQUESTER.equals(call.param("channel"))
            && call.param("text").contains("is done:"), false);
    bots.submit(bot, PIPELINE);
    FakeSlack.Call card = bots.card(PIPELINE);
    bots.click(bot, card, Bots.APPROVER, "approve-action");
    Await.until(() -> cardDone.reached() || toldDone.reached(), Bots.LONG,
        () -> "the bot to say the run is done");
    bot.kill9();
    cardDone.release();
    toldDone.release();

    // when
    bot = bot.restart();

    // then: the card is repaired and the requester told; the run was not started again
    bots.awaitCard(card, "Progress* — done");
    assertThat(bots.awaitToldRequester("is done:")).as("at most one duplicate")
        .hasSizeBetween(1, 2);
    assertThat(bots.dockerhub.count("POST", Bots.ORG_TOKENS)).isEqualTo(1);
    assertOneTokenAndOneLink(1);
  }

  /** One live token, of this generation, in CircleCI; one link; the request done on disk. */
  private void assertOneTokenAndOneLink(int generation) throws Exception {
    List<FakeDockerHub.OrgToken> tokens = bots.dockerhub.orgTokens();
    assertThat(tokens).singleElement().satisfies(token -> {
      assertThat(token.active()).isTrue();
      assertThat(token.label()).endsWith("-g" + generation);
    });
    assertThat(bots.circleci.projectVariables(PIPELINE))
        .containsEntry("DOCKER_ACCESS_TOKEN", tokens.get(0).token());
    assertThat(bots.linksToApprover("Credentials for")).hasSize(1);
    bot.stop();
    try (Database db = Database.open(DatabaseUrl.parse(env.get("DATABASE_URL")))) {
      assertThat(TestDatabases.countRows(db, "requests")).isEqualTo(1);
      assertThat(TestDatabases.dumpTable(db, "requests")).contains("state=DONE");
      assertThat(TestDatabases.dumpTable(db, "audit_events")).containsOnlyOnce("action=DONE");
    }
  }
}

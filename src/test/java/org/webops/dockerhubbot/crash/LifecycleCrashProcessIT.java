package org.webops.dockerhubbot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.slack.blocks.SlackIds;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.DatabaseUrl;
import org.webops.dockerhubbot.storage.TestDatabases;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.BotProcess;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.SlackRequests;

/**
 * Rotation and revocation of the packaged bot, killed with {@code kill -9} while Docker Hub has
 * deleted a token but its answer has not reached the bot: after the restart each operation
 * resumes where its results say, deletes nothing twice and leaves nothing half-deleted.
 */
class LifecycleCrashProcessIT {
  private static final String PIPELINE = "gh/example/crash";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Bots bots;
  private BotProcess bot;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    bots = new Bots();
    env = new java.util.HashMap<>(bots.environment(dir,
        "jdbc:h2:file:" + dir.resolve("bot").toAbsolutePath()));
    env.put("ROTATION_GRACE", "PT0S"); // the process runs on the real clock
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
  void killedWhileTheOldTokenWasBeingDeleted_rotationFinishesWithOneLiveToken() throws Exception {
    // given: a done credential whose rotation is killed as Docker Hub deletes the old token
    FakeSlack.Call card = done();
    String old = bots.dockerhub.orgTokens().get(0).token();
    bots.dockerhub.stallNext("DELETE", Bots.ORG_TOKENS + "/.*", Duration.ofSeconds(60));
    ObjectNode noLink = JSON.createObjectNode();
    noLink.putObject(SlackIds.SEND_LINK_BLOCK).putObject(SlackIds.SEND_LINK_ACTION)
        .put("type", "checkboxes").putArray("selected_options");
    bots.submitModal(bot, card, Bots.APPROVER, SlackIds.ROTATE_MODAL, noLink);
    Await.until(() -> bots.dockerhub.count("DELETE", Bots.ORG_TOKENS + "/") == 1, Bots.LONG,
        () -> "Docker Hub to delete the old token");
    bot.kill9();

    // when
    bot = bot.restart();

    // then
    bots.awaitCard(card, "*Rotation* — done");
    List<FakeDockerHub.OrgToken> tokens = bots.dockerhub.orgTokens();
    assertThat(tokens).singleElement().satisfies(token -> {
      assertThat(token.token()).isNotEqualTo(old);
      assertThat(token.label()).endsWith("-g2");
    });
    assertThat(bots.circleci.projectVariables(PIPELINE))
        .containsEntry("DOCKER_ACCESS_TOKEN", tokens.get(0).token());
    assertThat(bots.dockerhub.count("POST", Bots.ORG_TOKENS)).as("one token made by the rotation")
        .isEqualTo(2);
    assertThat(bots.awaitToldRequester("was rotated")).hasSizeBetween(1, 2);
    assertOnDisk("state=DONE", "action=ROTATED");
  }

  @Test
  void killedWhileTheTokenWasBeingDeleted_revocationFinishesNothingLeft() throws Exception {
    // given: revocation killed as Docker Hub deletes the token
    FakeSlack.Call card = done();
    bots.dockerhub.stallNext("DELETE", Bots.ORG_TOKENS + "/.*", Duration.ofSeconds(60));
    ObjectNode reason = JSON.createObjectNode();
    reason.putObject(SlackIds.REVOKE_REASON_BLOCK)
        .set(SlackIds.REVOKE_REASON_ACTION, SlackRequests.textValue("decommissioned"));
    bots.submitModal(bot, card, Bots.APPROVER, SlackIds.REVOKE_MODAL, reason);
    Await.until(() -> bots.dockerhub.count("DELETE", Bots.ORG_TOKENS + "/") == 1, Bots.LONG,
        () -> "Docker Hub to delete the token");
    bot.kill9();

    // when
    bot = bot.restart();

    // then: the token found gone counts as deleted; the variables go too
    bots.awaitCard(card, "*Revocation* — done");
    assertThat(bots.dockerhub.orgTokens()).isEmpty();
    assertThat(bots.circleci.projectVariables(PIPELINE)).isEmpty();
    assertThat(bots.awaitToldRequester("was revoked")).hasSizeBetween(1, 2);
    assertOnDisk("state=REVOKED", "action=REVOKED");
  }

  private FakeSlack.Call done() throws Exception {
    bots.submit(bot, PIPELINE);
    FakeSlack.Call card = bots.card(PIPELINE);
    bots.click(bot, card, Bots.APPROVER, "approve-action");
    bots.awaitCard(card, "Progress* — done");
    return card;
  }

  private void assertOnDisk(String state, String action) throws Exception {
    bot.stop();
    try (Database db = Database.open(DatabaseUrl.parse(env.get("DATABASE_URL")))) {
      assertThat(TestDatabases.dumpTable(db, "requests")).contains(state);
      assertThat(TestDatabases.dumpTable(db, "audit_events")).containsOnlyOnce(action + "\n");
    }
  }
}

package org.webops.dockerhubbot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a process: killed with SIGKILL, started again on the same H2 file. */
class BotProcessProcessIT {
  @TempDir Path dir;

  private FakeSlack slack;
  private FakeCircleCi circleci;
  private FakeDockerHub dockerhub;
  private BotProcess bot;

  @BeforeEach
  void fakes() throws IOException {
    slack = new FakeSlack();
    circleci = new FakeCircleCi();
    dockerhub = TestBot.newDockerHub();
  }

  @AfterEach
  void stopAll() {
    if (bot != null) {
      bot.close();
    }
    dockerhub.close();
    circleci.close();
    slack.close();
  }

  @Test
  void killedWithSigkill_restartsOnTheSameFileAndPort() throws Exception {
    Map<String, String> env = new HashMap<>(TestBot.baseEnvironment(dir, slack, circleci));
    env.put("DOCKERHUB_API_URL", dockerhub.apiUrl());
    bot = BotProcess.start(dir, "bot", env);
    assertHealthy();
    long firstPid = bot.pid();
    int port = bot.port();
    assertThat(firstPid).isNotEqualTo(ProcessHandle.current().pid());

    bot.kill9();

    assertThat(bot.isAlive()).isFalse();
    assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatThrownBy(() -> bot.get("/health").close()).isInstanceOf(IOException.class);

    bot = bot.restart();

    assertThat(bot.pid()).isNotEqualTo(firstPid);
    assertThat(bot.port()).isEqualTo(port);
    assertThat(bot.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
    assertHealthy();
    // a signed slash command reaches the restarted bot, which opens the modal on the fake Slack
    try (Response response = bot.send(SlackRequests.slashCommand("U0ALICE", "C0GENERAL",
        "new gh/example/app", slack.responseUrl("cmd")))) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(slack.await("views.open", 1)).hasSize(1);
    assertThat(bot.log().split("starting bot on port " + port, -1)).hasSize(3);

    bot.stop();
    assertThat(bot.isAlive()).isFalse();
  }

  private void assertHealthy() throws IOException {
    try (Response response = bot.get("/health")) {
      assertThat(response.code()).isEqualTo(200);
    }
  }
}

package org.webops.dockerhubbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.TestBot;

/** What start-up logs: never the database password, whatever form the URL carries it in. */
class StartupLogIT {
  private static final String PASSWORD = "db-pw-Kq7+zX";

  @TempDir Path dir;

  @Test
  void start_h2UrlWithUserAndPassword_noLogLineShowsThePassword() throws Exception {
    try (FakeSlack slack = new FakeSlack(); LogCapture logs = new LogCapture();
        TestBot bot = new TestBot(dir, slack, Map.of("DATABASE_URL", "jdbc:h2:file:"
            + dir.resolve("locked").toAbsolutePath() + ";USER=bot;PASSWORD=" + PASSWORD))) {
      assertThat(bot.allRequests()).isEmpty(); // the database opened with those credentials
      assertThat(logs.text()).contains("serving on port", "password=***")
          .doesNotContain(PASSWORD, "db-pw");
      assertThat(logs.lines()).noneMatch(line -> line.contains("db-pw"));
    }
  }
}

package org.webops.dockerhubbot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives each test a fake Slack and the whole bot against it, on an H2 file
 * of its own, and stops both afterwards: {@code @RegisterExtension final RunningBot running = new
 * RunningBot();}.
 */
public final class RunningBot implements BeforeEachCallback, AfterEachCallback {
  private Path dir;
  private FakeSlack slack;
  private TestBot bot;
  private final org.webops.dockerhubbot.Tuning tuning;
  private final Map<String, String> overrides;

  public RunningBot() {
    this(TestBot.TUNING);
  }

  /** With other timings, e.g. a longer API timeout so that a test can stop the bot mid-call. */
  public RunningBot(org.webops.dockerhubbot.Tuning tuning) {
    this(tuning, Map.of());
  }

  /** With settings of its own, e.g. {@code ROTATION_GRACE}. */
  public RunningBot(Map<String, String> overrides) {
    this(TestBot.TUNING, overrides);
  }

  public RunningBot(org.webops.dockerhubbot.Tuning tuning, Map<String, String> overrides) {
    this.tuning = tuning;
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("running-bot");
    slack = new FakeSlack();
    bot = new TestBot(dir, slack, overrides, tuning);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    bot.close();
    slack.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  public TestBot bot() {
    return bot;
  }

  /** Where the bot's H2 file lives: a second bot on it is a second instance on one database. */
  public Path dataDir() {
    return dir;
  }

  public FakeSlack slack() {
    return slack;
  }

  /** Stops the bot and starts it again on the same database with other settings. */
  public TestBot restartWith(Map<String, String> overrides) {
    bot.close();
    bot = new TestBot(dir, slack, overrides, tuning);
    return bot;
  }
}

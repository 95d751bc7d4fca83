package org.webops.dockerhubbot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

  @Test
  void configure_freshContext_infoToTheConsoleWithTheLibrariesQuiet() {
    LoggerContext context = new LoggerContext();

    ExecutionStatus status = new LogSetup().configure(context);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("STDOUT")).isInstanceOfSatisfying(ConsoleAppender.class,
        console -> {
          assertThat(console.isStarted()).isTrue();
          assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
              .isEqualTo(LogSetup.PATTERN);
        });
    for (String library : new String[] {"org.eclipse.jetty", "com.zaxxer.hikari",
        "org.flywaydb", "io.javalin"}) {
      assertThat(context.getLogger(library + ".some.Class").getEffectiveLevel())
          .isEqualTo(Level.WARN);
    }
    assertThat(context.getLogger("org.webops.dockerhubbot.Wiring").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void configure_withAConfigurationFileGiven_leavesItToThatFile() {
    LoggerContext context = new LoggerContext();
    System.setProperty("logback.configurationFile", "elsewhere.xml");
    try {
      assertThat(new LogSetup().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
          .isFalse();
    } finally {
      System.clearProperty("logback.configurationFile");
    }
  }

  @Test
  void theApplicationsLogging_isSetUpByLogSetup() {
    // Logback found LogSetup through META-INF/services when this JVM first logged.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNotNull();
  }

  @Test
  void layout_hugeMessageAndHugeExceptionMessage_eachLineCut() {
    LoggerContext context = new LoggerContext();
    new LogSetup().configure(context);
    var layout = ((PatternLayoutEncoder) ((ConsoleAppender<?>) context.getLogger(
        Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).getEncoder()).getLayout();
    Logger logger = context.getLogger("test");
    String input = "z".repeat(900_000);

    String line = layout.doLayout(new ch.qos.logback.classic.spi.LoggingEvent("test", logger,
        Level.WARN, "got {}", new IllegalArgumentException("bad input: " + input),
        new Object[] {input}));

    assertThat(line.lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(2_100));
    assertThat(line.length()).isLessThan(12_000);
    assertThat(line).contains("got zzz", "IllegalArgumentException: bad input: zzz", "(cut)");
  }
}

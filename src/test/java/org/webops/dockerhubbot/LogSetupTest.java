package org.webops.dockerhubbot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

  @Test
  void logFormat_unsetOrUnknown_isTheReadableOne() {
    assertThat(LogFormat.orText(null)).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.orText("")).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.orText("xml")).as("Config refuses it, in the readable format")
        .isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.orText(" JSON ")).isEqualTo(LogFormat.JSON);
  }

  @Test
  void configure_defaultFormat_readablePatternAsBefore() {
    LoggerContext context = new LoggerContext();

    new LogSetup().configure(context, LogFormat.orText(null));

    assertThat(((ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME)
        .getAppender("STDOUT")).getEncoder()).isInstanceOfSatisfying(PatternLayoutEncoder.class,
            encoder -> assertThat(encoder.getPattern()).isEqualTo(LogSetup.PATTERN));
  }

  @Test
  void configure_json_oneObjectPerLineWithTheContextAsFields() throws Exception {
    BoundedJsonEncoder encoder = jsonEncoder();
    LoggingEvent event = event(encoder, Level.INFO, "Request #{}: {} \"quoted\"\n\tand a\u0001",
        null, 12, "CREATE_ORG_TOKEN");
    event.setMDCPropertyMap(Map.of("request_id", "12", "operation", "PROVISION#3"));

    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("}\n");
    assertThat(line.lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("timestamp").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("loggerName").asText()).isEqualTo("org.webops.dockerhubbot.Test");
    assertThat(json.path("threadName").asText()).isEqualTo("worker-1");
    assertThat(json.path("mdc").path("request_id").asText()).isEqualTo("12");
    assertThat(json.path("mdc").path("operation").asText()).isEqualTo("PROVISION#3");
    assertThat(json.path("formattedMessage").asText())
        .isEqualTo("Request #12: CREATE_ORG_TOKEN \"quoted\"\n\tand a\u0001");
    assertThat(json.has("exception")).isFalse();
    assertThat(json.has("arguments")).as("arguments are unbounded input").isFalse();
    assertThat(json.has("message")).isFalse();
  }

  @Test
  void configure_jsonHugeMessageAndHugeExceptionMessage_bothCutAsInTheReadableFormat()
      throws Exception {
    BoundedJsonEncoder encoder = jsonEncoder();
    String input = "z".repeat(900_000);
    LoggingEvent event = event(encoder, Level.WARN, "got {}",
        new IllegalArgumentException("bad input: " + input), input);
    event.setMDCPropertyMap(Map.of());

    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertThat(line.lines()).hasSize(1);
    assertThat(line.length()).isLessThan(12_000);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("formattedMessage").asText()).hasSize(BoundedJsonEncoder.MESSAGE)
        .startsWith("got zzz");
    String exception = json.path("exception").asText();
    assertThat(exception).startsWith("java.lang.IllegalArgumentException: bad input: zzz")
        .contains("(cut)").contains("\tat org.webops.dockerhubbot.LogSetupTest");
    assertThat(exception.lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(520));
    assertThat(exception.length()).isLessThan(8_100);
  }

  private static BoundedJsonEncoder jsonEncoder() {
    LoggerContext context = new LoggerContext();
    new LogSetup().configure(context, LogFormat.JSON);
    return (BoundedJsonEncoder) ((ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME)
        .getAppender("STDOUT")).getEncoder();
  }

  private static LoggingEvent event(BoundedJsonEncoder encoder, Level level, String message,
      Throwable thrown, Object... arguments) {
    Logger logger = ((LoggerContext) encoder.getContext())
        .getLogger("org.webops.dockerhubbot.Test");
    LoggingEvent event = new LoggingEvent("test", logger, level, message, thrown, arguments);
    event.setThreadName("worker-1");
    return event;
  }
}

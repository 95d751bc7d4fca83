package org.webops.dockerhubbot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The logging set-up, in code: Logback's XML configuration cost about 100 ms of start-up on the
 * main thread (an XML parser and its configuration model), before anything else could begin. Found by Logback through {@code META-INF/services}. An operator who wants other logging
 * points {@code -Dlogback.configurationFile} at a file, and that file is used instead.
 *
 * <p>{@code LOG_FORMAT=json} (read here, at the first log line, before {@link Config} validates
 * it) writes one JSON object per line ({@link BoundedJsonEncoder}) instead of {@link #PATTERN},
 * with the same bounds.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /**
   * A message is cut after 2,000 characters and a stack trace's lines after 500: no line can
   * carry more of what a request sent than that, whoever logs it.
   */
  static final String PATTERN =
      "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %.-2000msg%n%boundedEx";
  private static final List<String> QUIET =
      List.of("org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb", "io.javalin",
          // logs whole request bodies at DEBUG; the bot checks signatures itself first
          "com.slack.api.app_backend.SlackSignature");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    return configure(context, LogFormat.orText(System.getenv("LOG_FORMAT")));
  }

  ExecutionStatus configure(LoggerContext context, LogFormat format) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Encoder<ILoggingEvent> encoder = format == LogFormat.JSON ? json(context) : text(context);
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    for (String name : QUIET) {
      context.getLogger(name).setLevel(Level.WARN);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
    rules.put("boundedEx", BoundedThrowableConverter::new);
    context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    BoundedJsonEncoder encoder = new BoundedJsonEncoder();
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  /** Only warnings and errors from here on: for the class-data-sharing training run. */
  static void quiet() {
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
  }
}

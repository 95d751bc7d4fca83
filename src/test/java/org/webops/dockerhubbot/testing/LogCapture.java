package org.webops.dockerhubbot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged (at TRACE and up) through the root logger while open. Safe to read
 * while other threads still log: the bot's background work goes on during assertions.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level previous = root.getLevel();
  private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }
  };

  public LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
  }

  /** All captured events: formatted message, arguments and any stack trace. */
  public String text() {
    return events.stream()
        .map(e -> e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
            + (e.getThrowableProxy() == null
                ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
  }

  /**
   * Every captured event as the application's console encoder writes it (the appender that
   * {@code LogSetup} made, readable or JSON), split into lines.
   */
  public java.util.List<String> lines() {
    var console = (ch.qos.logback.core.OutputStreamAppender<ILoggingEvent>)
        root.getAppender("STDOUT");
    return events.stream().flatMap(event -> new String(console.getEncoder().encode(event),
        java.nio.charset.StandardCharsets.UTF_8).lines()).toList();
  }

  /** Every captured event, with the log context (MDC) it was logged in. */
  public java.util.List<ILoggingEvent> events() {
    return java.util.List.copyOf(events);
  }

  public int size() {
    return events.size();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(previous);
    appender.stop();
  }
}

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
   * Every captured event as the application's console layout prints it (the appender that
   * {@code LogSetup} made), split into lines.
   */
  public java.util.List<String> lines() {
    var console = (ch.qos.logback.core.OutputStreamAppender<ILoggingEvent>)
        root.getAppender("STDOUT");
    var layout = ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) console.getEncoder())
        .getLayout();
    return events.stream().flatMap(event -> layout.doLayout(event).lines()).toList();
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

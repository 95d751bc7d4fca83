package org.webops.dockerhubbot.secretlinks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything logged through the root logger (at DEBUG and above) while open. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level previous = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
  }

  /** Formatted messages, arguments, MDC and stack traces of every captured event. */
  String text() {
    synchronized (appender.list) {
      return appender.list.stream()
          .map(
              e ->
                  e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                      + (e.getThrowableProxy() == null
                          ? ""
                          : ThrowableProxyUtil.asString(e.getThrowableProxy())))
          .collect(Collectors.joining("\n"));
    }
  }

  int size() {
    return appender.list.size();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(previous);
  }
}

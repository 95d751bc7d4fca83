package org.webops.dockerhubbot;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code LOG_FORMAT=json}: one JSON object per line, written by Logback's own {@link JsonEncoder}
 * with the same bounds as the readable layout. It writes {@code level}, {@code threadName},
 * {@code loggerName}, {@code mdc} (the request id and operation while one is in scope) and
 * {@code formattedMessage}, cut after {@value #MESSAGE} characters; this class adds
 * {@code timestamp} (ISO-8601, UTC, milliseconds) first and {@code exception} last, a stack trace
 * as the readable layout prints it, each line cut at 500 characters and the whole at 8,000
 * ({@link BoundedThrowableConverter}). The message pattern and its arguments are left out: they
 * are the unbounded parts of an event, and an argument can be whatever a request sent.
 */
public final class BoundedJsonEncoder extends JsonEncoder {
  /** As the readable layout's {@code %.-2000msg}. */
  static final int MESSAGE = 2_000;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final byte[] NO_BYTES = new byte[0];

  public BoundedJsonEncoder() {
    setWithSequenceNumber(false);
    setWithTimestamp(false); // epoch milliseconds there; an ISO-8601 one is added instead
    setWithNanoseconds(false);
    setWithContext(false);
    setWithMarkers(false);
    setWithKVPList(false);
    setWithMessage(false);
    setWithArguments(false);
    setWithThrowable(false); // a structure with every frame there; a bounded string instead
    setWithLevel(true);
    setWithThreadName(true);
    setWithLoggerName(true);
    setWithMDC(true);
    setWithFormattedMessage(true);
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] logback = super.encode(bounded(event));
    // Logback's object, "{...}\n", opened to put the time first and the exception last.
    int close = lastIndexOf(logback, (byte) '}');
    if (logback.length == 0 || logback[0] != '{' || close < 1) {
      return logback.length == 0 ? NO_BYTES : logback;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(logback.length + 64);
    write(out, "{\"timestamp\":\"" + TIMESTAMP.format(event.getInstant()) + "\"");
    if (close > 1) {
      out.write(',');
      out.write(logback, 1, close - 1);
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      write(out, ",\"exception\":\"");
      write(out, new String(JsonStringEncoder.getInstance().quoteAsString(
          BoundedThrowableConverter.bound(ThrowableProxyUtil.asString(thrown)))));
      out.write('"');
    }
    write(out, "}\n");
    return out.toByteArray();
  }

  /** The event as this encoder's parent may see it: the formatted message cut, nothing more. */
  private static ILoggingEvent bounded(ILoggingEvent event) {
    LoggingEvent copy = new LoggingEvent();
    copy.setLevel(event.getLevel());
    copy.setLoggerName(event.getLoggerName());
    copy.setThreadName(event.getThreadName());
    copy.setInstant(event.getInstant());
    Map<String, String> mdc = event.getMDCPropertyMap();
    copy.setMDCPropertyMap(mdc == null ? Map.of() : mdc);
    String message = event.getFormattedMessage();
    copy.setMessage(message == null || message.length() <= MESSAGE
        ? message : message.substring(0, MESSAGE));
    return copy;
  }

  private static int lastIndexOf(byte[] bytes, byte b) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}

package org.webops.dockerhubbot;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Stack traces as the readable log prints them, each line cut at {@value #LINE} characters and
 * the whole at {@value #TOTAL}: an exception message can quote request input (a parser's view of
 * a body), and no log line may carry more than about 2 KB of it.
 */
public final class BoundedThrowableConverter extends ThrowableProxyConverter {
  static final int LINE = 500;
  static final int TOTAL = 8_000;

  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return bound(super.throwableProxyToString(proxy));
  }

  static String bound(String trace) {
    StringBuilder out = new StringBuilder(Math.min(trace.length(), TOTAL + 64));
    for (String line : trace.split("\n", -1)) {
      if (out.length() + Math.min(line.length(), LINE) > TOTAL) {
        out.append("\t… (cut)\n");
        break;
      }
      out.append(line.length() > LINE ? line.substring(0, LINE) + "… (cut)" : line).append('\n');
    }
    return out.length() > 0 ? out.substring(0, out.length() - 1) : "";
  }
}

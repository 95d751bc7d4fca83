package org.webops.dockerhubbot.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** For the no-secret tests: every text a client shows of itself while it makes its calls. */
public final class CallTexts {
  private CallTexts() {}

  /**
   * Runs each call and collects the client's {@code toString()} and, of every call that throws,
   * the message, the exception's own {@code toString()} and its stack trace.
   */
  public static List<String> of(Object client, List<Runnable> calls) {
    List<String> texts = new ArrayList<>();
    texts.add(client.toString());
    for (Runnable call : calls) {
      try {
        call.run();
      } catch (RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        texts.add(e.getMessage() + "\n" + e + "\n" + trace);
      }
    }
    return texts;
  }
}

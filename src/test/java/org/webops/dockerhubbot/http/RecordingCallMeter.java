package org.webops.dockerhubbot.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CallMeter} that writes down what it is told, one line each, without durations. */
public final class RecordingCallMeter implements CallMeter {

  private final List<String> told = new CopyOnWriteArrayList<>();

  @Override
  public void answered(String api, String method, Endpoint endpoint, int status, Duration took) {
    told.add(api + " " + method + " " + endpoint.template() + " -> " + status);
  }

  @Override
  public void unanswered(String api, String method, Endpoint endpoint, Duration took) {
    told.add(api + " " + method + " " + endpoint.template() + " -> no answer");
  }

  @Override
  public void retrying(String api, Endpoint endpoint, String reason, Duration wait,
      boolean rateLimited) {
    told.add(api + " " + endpoint.template() + " retry after " + reason + " in "
        + wait.toMillis() + " ms" + (rateLimited ? " (rate limited)" : ""));
  }

  public List<String> told() {
    return List.copyOf(told);
  }

  /** The endpoint templates of every answered or unanswered attempt, in order. */
  public List<String> endpoints() {
    return told.stream().filter(line -> line.contains(" -> "))
        .map(line -> line.split(" ")[line.split(" ").length - 3]).toList();
  }
}

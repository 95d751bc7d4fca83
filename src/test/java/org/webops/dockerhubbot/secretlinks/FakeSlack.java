package org.webops.dockerhubbot.secretlinks;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A mockwebserver3 standing in for the Slack Web API. It answers {@code auth.test} itself (the SDK
 * calls it on its own) and answers every other method from a queue, recording those requests.
 */
final class FakeSlack extends Dispatcher {
  private final BlockingQueue<MockResponse> answers = new LinkedBlockingQueue<>();
  private final BlockingQueue<RecordedRequest> calls = new LinkedBlockingQueue<>();

  static FakeSlack on(MockWebServer server) {
    FakeSlack fake = new FakeSlack();
    server.setDispatcher(fake);
    return fake;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.getUrl().encodedPath().endsWith("/auth.test")) {
      return json("{\"ok\":true,\"team_id\":\"T0TEAM\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}");
    }
    calls.add(request);
    MockResponse answer = answers.poll();
    return answer != null ? answer : json("{\"ok\":false,\"error\":\"unexpected_call\"}");
  }

  void answer(String body) {
    answers.add(json(body));
  }

  /** The next non-auth.test call, waiting at most five seconds. */
  RecordedRequest nextCall() throws InterruptedException {
    RecordedRequest call = calls.poll(5, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("no Slack call within 5 s");
    }
    return call;
  }

  int callCount() {
    return calls.size();
  }

  static Slack slackAt(MockWebServer server) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(server.url("/api/").toString());
    return Slack.getInstance(config);
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  static Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBody().utf8().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return form;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}

package org.webops.dockerhubbot.secretlinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SlackSecretLinkNotifierTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private FakeSlack slack;

  @org.junit.jupiter.api.BeforeEach
  void fakeSlack() {
    slack = FakeSlack.on(server);
  }

  private final RequestThreads threads =
      id -> id == 12
          ? Optional.of(new RequestThreads.ThreadRef("C0WEBOPS", "1700000000.000100"))
          : Optional.empty();

  private SlackSecretLinkNotifier notifier() {
    return new SlackSecretLinkNotifier(
        FakeSlack.slackAt(server).methods("xoxb-test"), threads, Runnable::run);
  }

  @Test
  void claimed_requestWithThread_postsOpenedAtTimeInTheThread() throws Exception {
    // given
    slack.answer("{\"ok\":true,\"channel\":\"C0WEBOPS\",\"ts\":\"2.0\"}");
    Instant at = Instant.parse("2030-01-01T10:42:07Z");
    // when
    notifier().claimed(12, "OLumx4zGDW8JRkjsiR6XEg", at);
    // then
    RecordedRequest request = slack.nextCall();
    assertEquals("/api/chat.postMessage", request.getUrl().encodedPath());
    Map<String, String> form = FakeSlack.form(request);
    assertEquals("C0WEBOPS", form.get("channel"));
    assertEquals("1700000000.000100", form.get("thread_ts"));
    // The SDK encodes booleans of chat.postMessage as 0/1, which Slack accepts.
    assertTrue(List.of("0", "false").contains(form.get("unfurl_links")), form.toString());
    String text = form.get("text");
    assertTrue(text.contains("Secret link opened at <!date^" + at.getEpochSecond() + "^{time}|10:42 UTC>"),
        text);
  }

  @Test
  void expired_requestWithThread_saysHowToGetFreshCredentials() throws Exception {
    // given
    slack.answer("{\"ok\":true,\"channel\":\"C0WEBOPS\",\"ts\":\"2.0\"}");
    // when
    notifier().expired(12, "OLumx4zGDW8JRkjsiR6XEg", "gh/org/repo");
    // then
    String text = FakeSlack.form(slack.nextCall()).get("text");
    assertTrue(text.contains("expired unclaimed"), text);
    assertTrue(text.contains("`/dockerhub-user rotate gh/org/repo`"), text);
    assertTrue(text.contains("never kept"), text);
  }

  @Test
  void claimed_noThreadOrSlackError_postsNothingAndDoesNotThrow() throws Exception {
    // given
    slack.answer("{\"ok\":false,\"error\":\"channel_not_found\"}");
    // when
    notifier().claimed(99, "OLumx4zGDW8JRkjsiR6XEg", Instant.EPOCH);
    notifier().claimed(12, "OLumx4zGDW8JRkjsiR6XEg", Instant.EPOCH);
    // then
    assertEquals(1, slack.callCount());
  }
}

package org.webops.dockerhubbot.secretlinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;

class SlackSecretLinkNotifierTest {
  private FakeSlack slack;

  @BeforeEach
  void fakeSlack() throws Exception {
    slack = new FakeSlack();
  }

  @AfterEach
  void closeSlack() {
    slack.close();
  }

  private final RequestThreads threads =
      id -> id == 12
          ? Optional.of(new RequestThreads.ThreadRef("C0WEBOPS", "1700000000.000100"))
          : Optional.empty();

  private SlackSecretLinkNotifier notifier() {
    return new SlackSecretLinkNotifier(
        slack.sdk().methods("xoxb-test"), threads, Runnable::run);
  }

  @Test
  void claimed_requestWithThread_postsOpenedAtTimeInTheThread() throws Exception {
    // given
    Instant at = Instant.parse("2030-01-01T10:42:07Z");
    // when
    notifier().claimed(12, "OLumx4zGDW8JRkjsiR6XEg", at);
    // then
    Map<String, String> form = slack.await("chat.postMessage", 1).get(0).params();
    assertEquals("C0WEBOPS", form.get("channel"));
    assertEquals("1700000000.000100", form.get("thread_ts"));
    // The SDK encodes booleans of chat.postMessage as 0/1, which Slack accepts.
    assertTrue(List.of("0", "false").contains(form.get("unfurl_links")), form.toString());
    String text = form.get("text");
    assertTrue(text.contains("Secret link opened at <!date^" + at.getEpochSecond() + "^{time}|10:42 UTC>"),
        text);
  }

  @Test
  void expired_credentialsLink_saysHowToGetFreshCredentials() throws Exception {
    // when
    notifier().expired(new SecretLinkStore.PurgedLink("OLumx4zGDW8JRkjsiR6XEg", 12,
        "Docker Hub credentials for CircleCI", "gh/org/repo", false, false));
    // then
    String text = slack.await("chat.postMessage", 1).get(0).param("text");
    assertTrue(text.contains("expired unclaimed"), text);
    assertTrue(text.contains("`/dockerhub-user rotate gh/org/repo`"), text);
    assertTrue(text.contains("never kept"), text);
  }

  @Test
  void expired_signUpLink_pointsAtTheCardsSendAgainButton() throws Exception {
    // when
    notifier().expired(new SecretLinkStore.PurgedLink("OLumx4zGDW8JRkjsiR6XEg", 12,
        SecretPayload.SIGN_UP_TITLE, "gh/org/repo", false, false));
    // then
    String text = slack.await("chat.postMessage", 1).get(0).param("text");
    assertTrue(text.contains("sign-up link expired unclaimed"), text);
    assertTrue(text.contains("*Send the sign-up details again*"), text);
    assertFalse(text.contains("rotate"), text);
  }

  @Test
  void claimed_noThreadOrSlackError_postsNothingAndDoesNotThrow() throws Exception {
    // given
    slack.answer("chat.postMessage", call -> "{\"ok\":false,\"error\":\"channel_not_found\"}");
    // when
    notifier().claimed(99, "OLumx4zGDW8JRkjsiR6XEg", Instant.EPOCH);
    notifier().claimed(12, "OLumx4zGDW8JRkjsiR6XEg", Instant.EPOCH);
    // then
    assertEquals(1, slack.calls("chat.postMessage").size());
  }
}

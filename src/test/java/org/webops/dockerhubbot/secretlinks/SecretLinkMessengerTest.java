package org.webops.dockerhubbot.secretlinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;

class SecretLinkMessengerTest {
  private static final String KEY = "q2c9R1x0n7hzV7y2Cw0mXq9nU6yQ0k8oY3b1m2n4p5Q";

  private FakeSlack slack;

  @BeforeEach
  void fakeSlack() throws Exception {
    slack = new FakeSlack();
  }

  @AfterEach
  void closeSlack() {
    slack.close();
  }

  private final SecretLink link =
      new SecretLink(
          "OLumx4zGDW8JRkjsiR6XEg",
          URI.create("https://bot.example.org/s/OLumx4zGDW8JRkjsiR6XEg#" + KEY),
          12, "U0AUDIENCE", Instant.parse("2030-01-02T10:00:00Z"));

  @Test
  void postEphemeral_link_toTheAudienceOnlyWithoutArgumentsTheMethodDoesNotTake()
      throws Exception {
    // given
    var messenger = new SecretLinkMessenger(slack.sdk().methods(), "xoxb-test-token");
    // when
    messenger.postEphemeral("C0WEBOPS", "U0AUDIENCE", link,
        "Docker Hub credentials for gh/org/repo (request #12)");
    // then
    FakeSlack.Call request = slack.await("chat.postEphemeral", 1).get(0);
    assertEquals("Bearer xoxb-test-token", request.authorization());
    Map<String, String> form = request.params();
    assertEquals("C0WEBOPS", form.get("channel"));
    assertEquals("U0AUDIENCE", form.get("user"));
    // chat.postEphemeral takes no unfurl_* arguments (and Slack never unfurls ephemerals)
    assertFalse(form.containsKey("unfurl_links"));
    assertFalse(form.containsKey("unfurl_media"));
    String text = form.get("text");
    assertTrue(text.contains("<" + link.url() + "|"), text);
    assertTrue(text.contains("request #12"), text);
    SecretLinksTest.PAYLOAD.fields().stream()
        .filter(f -> f.label().equals("Password") || f.label().equals("Access token"))
        .forEach(f -> assertFalse(text.contains(f.value())));
    assertFalse(form.containsKey("blocks"));
  }

  @Test
  void postEphemeral_slackRefuses_throwsWithErrorCodeButNoLink() {
    // given
    slack.answer("chat.postEphemeral", call -> "{\"ok\":false,\"error\":\"user_not_in_channel\"}");
    var messenger = new SecretLinkMessenger(slack.sdk().methods(), "xoxb-test");
    // when
    var e =
        assertThrows(
            SlackCallException.class,
            () -> messenger.postEphemeral("C0WEBOPS", "U0AUDIENCE", link, "credentials"));
    // then
    assertTrue(e.getMessage().contains("user_not_in_channel"));
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void postEphemeral_userIsNotTheAudience_isRefusedBeforeAnyCall() {
    // given
    var messenger = new SecretLinkMessenger(slack.sdk().methods(), "xoxb-test");
    // when / then
    assertThrows(
        IllegalArgumentException.class,
        () -> messenger.postEphemeral("C0WEBOPS", "U0SOMEONEELSE", link, "credentials"));
    assertEquals(List.of(), slack.calls());
  }
}

package org.webops.dockerhubbot.slack;

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
import org.webops.dockerhubbot.secretlinks.SecretLink;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.text.Prose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;

class SlackLinkDeliveryTest {
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

  private SlackLinkDelivery delivery(String botToken) {
    return new SlackLinkDelivery(new SlackMessenger(slack.sdk().methods(botToken)), "C0WEBOPS");
  }

  @Test
  void deliver_link_ephemeralToTheAudienceWithoutArgumentsTheMethodDoesNotTake()
      throws Exception {
    // given
    var delivery = delivery("xoxb-test-token");
    // when
    delivery.deliver("U0AUDIENCE", link, Prose.of("Docker Hub credentials for ",
        Prose.code("gh/org/repo"), " (request #12)"));
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
    assertTrue(text.startsWith("Docker Hub credentials for `gh/org/repo` (request #12)"), text);
    assertFalse(form.containsKey("blocks"));
  }

  @Test
  void deliver_slackRefuses_throwsWithErrorCodeButNoLink() {
    // given
    slack.answer("chat.postEphemeral", call -> "{\"ok\":false,\"error\":\"user_not_in_channel\"}");
    var delivery = delivery("xoxb-test");
    // when
    var e = assertThrows(SlackCallFailedException.class,
        () -> delivery.deliver("U0AUDIENCE", link, Prose.of("credentials")));
    // then
    assertTrue(e.getMessage().contains("user_not_in_channel"));
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void deliver_userIsNotTheAudience_isRefusedBeforeAnyCall() {
    // given
    var delivery = delivery("xoxb-test");
    // when / then
    assertThrows(IllegalArgumentException.class,
        () -> delivery.deliver("U0SOMEONEELSE", link, Prose.of("credentials")));
    assertEquals(List.of(), slack.calls());
  }
}

package org.webops.dockerhubbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.secretlinks.SecretLink;
import org.webops.dockerhubbot.secretlinks.SecretPayload;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;

/** The secret-link feature as wired into the running bot: same server, same thread as the card. */
class SecretLinkWiringIT {
  private static final String TOKEN_VALUE = "dckr_oat_WIRING-SECRET-4411";

  @RegisterExtension final RunningBot running = new RunningBot();
  private FakeSlack slack;
  private TestBot bot;

  @BeforeEach
  void start() {
    slack = running.slack();
    bot = running.bot();
  }

  @Test
  void claim_linkOfARequest_servedOnceAndOpeningReportedInTheCardThread() throws Exception {
    // given: a request with its card, and a link for it
    try (Response response = bot.send(ModalValues.valid().submittedBy("U0REQUESTER", "C0GENERAL"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    Await.until(() -> bot.requests().findLive("gh/example/app", java.util.Optional.empty()).flatMap(ProvisioningRequest::card)
        .isPresent(), Duration.ofSeconds(10), () -> "card stored");
    ProvisioningRequest request = bot.requests().findLive("gh/example/app", java.util.Optional.empty()).orElseThrow();
    SecretLink link = bot.secretLinks().create(
        new SecretPayload("Docker Hub credentials", "gh/example/app",
            List.of(new SecretPayload.Field("Access token", TOKEN_VALUE)),
            SecretPayload.circleCiAuthSnippet("DOCKER_USER", "DOCKER_ACCESS_TOKEN")),
        "U0APPROVER", request.id(), Duration.ofHours(1));
    assertThat(link.url().toString()).startsWith("http://127.0.0.1:9/s/" + link.id() + "#");

    // when
    try (Response page = bot.get("/s/" + link.id())) {
      assertThat(page.code()).isEqualTo(200);
      assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    }
    int first;
    int second;
    try (Response claim = bot.post("/s/" + link.id() + "/claim")) {
      first = claim.code();
      assertThat(claim.body().string()).doesNotContain(TOKEN_VALUE);
    }
    try (Response claim = bot.post("/s/" + link.id() + "/claim")) {
      second = claim.code();
    }

    // then
    assertThat(first).isEqualTo(200);
    assertThat(second).isEqualTo(404);
    FakeSlack.Call opened = Await.first(() -> slack.calls("chat.postMessage").stream()
        .filter(call -> request.card().get().ts().equals(call.param("thread_ts"))).findFirst(),
        "thread reply about the opened link");
    assertThat(opened.param("channel")).isEqualTo(request.card().get().channel());
    assertThat(opened.param("text")).contains("opened");
    assertThat(String.join("\n", slack.allBodies())).doesNotContain(TOKEN_VALUE);
  }

  @Test
  void claims_noProxyTrusted_aRotatedForwardedForNeitherEscapesTheLimitNorReachesTheAudit()
      throws Exception {
    // given: a link of a stored request
    long requestId = storedRequest();
    SecretLink link = bot.secretLinks().create(new SecretPayload("t", "gh/example/app",
        List.of(new SecretPayload.Field("x", "y")), ""), "U0APPROVER", requestId,
        Duration.ofHours(1));

    // when: eleven tries, each claiming another client address, then the real claim
    int lastCode = 0;
    for (int i = 0; i < 11; i++) {
      try (Response claim = bot.postForwardedFor("/s/wrong-id-" + i + "/claim",
          "198.51.100." + i)) {
        lastCode = claim.code();
      }
    }
    try (Response claim = bot.postForwardedFor("/s/" + link.id() + "/claim", "6.6.6.6")) {
      // then: all counted against the one peer address: the limit holds
      assertThat(claim.code()).isEqualTo(429);
    }
    assertThat(lastCode).isEqualTo(429);
  }

  @Test
  void claim_oneProxyTrusted_theEntryItAppendedIsTheClientInTheAudit() throws Exception {
    bot = running.restartWith(Map.of("TRUSTED_PROXY_HOPS", "1"));
    long requestId = storedRequest();
    SecretLink link = bot.secretLinks().create(new SecretPayload("t", "gh/example/app",
        List.of(new SecretPayload.Field("x", "y")), ""), "U0APPROVER", requestId,
        Duration.ofHours(1));

    try (Response claim = bot.postForwardedFor("/s/" + link.id() + "/claim",
        "6.6.6.6, 203.0.113.7")) {
      assertThat(claim.code()).isEqualTo(200);
    }

    assertThat(bot.audit().forRequest(requestId)).filteredOn(e -> e.action().equals(
        "secret-link-claimed")).singleElement().satisfies(e ->
        assertThat(e.detail()).endsWith("revealed from 203.0.113.7"));
  }

  @Test
  void claim_noProxyTrusted_theAuditShowsThePeerNotTheHeader() throws Exception {
    long requestId = storedRequest();
    SecretLink link = bot.secretLinks().create(new SecretPayload("t", "gh/example/app",
        List.of(new SecretPayload.Field("x", "y")), ""), "U0APPROVER", requestId,
        Duration.ofHours(1));

    try (Response claim = bot.postForwardedFor("/s/" + link.id() + "/claim", "6.6.6.6")) {
      assertThat(claim.code()).isEqualTo(200);
    }

    assertThat(bot.audit().forRequest(requestId)).filteredOn(e -> e.action().equals(
        "secret-link-claimed")).singleElement().satisfies(e ->
        assertThat(e.detail()).endsWith("revealed from 127.0.0.1").doesNotContain("6.6.6.6"));
  }

  private long storedRequest() throws Exception {
    try (Response response = bot.send(ModalValues.valid().submittedBy("U0REQUESTER", "C0GENERAL"))) {
      assertThat(response.code()).isEqualTo(200);
    }
    return Await.first(() -> bot.requests().findLive("gh/example/app", java.util.Optional.empty()),
        "the stored request").id();
  }

  @Test
  void page_unknownId_goneWithSecurityHeaders() throws Exception {
    try (Response page = bot.get("/s/does-not-exist")) {
      assertThat(page.code()).isEqualTo(404);
      assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
      assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
  }
}

package org.webops.dockerhubbot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Response;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * How long an organisation-token run takes from approval to done when every Docker Hub and
 * CircleCI answer takes {@code LATENCY}, against the floor set by the calls that must follow one
 * another: login (first run only), create the token (nothing to look for first: the run has made
 * no token before), list the project's variables, then the two variables at once. Slack answers at once; its messages are off the run's path.
 */
public final class ProvisioningBenchmark {
  private static final Duration LATENCY =
      Duration.ofMillis(Long.getLong("bench.latencyMillis", 100));
  private static final int RUNS = 12;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("provisioning-bench");
    try (FakeSlack slack = new FakeSlack();
        TestBot bot = new TestBot(dir, slack, Map.of())) {
      slack.channelMembers(Set.of("U0REQUESTER", "U0APPROVER", FakeSlack.BOT_USER));
      bot.dockerhub().latency(LATENCY);
      bot.circleci().delay(LATENCY);
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        millis.add(oneRun(bot, slack, "gh/example/bench-" + i));
      }
      long first = millis.get(0);
      List<Long> warm = new ArrayList<>(millis.subList(1, millis.size()));
      Collections.sort(warm);
      long median = warm.get(warm.size() / 2);
      long floorCold = 4 * LATENCY.toMillis();
      long floorWarm = 3 * LATENCY.toMillis();
      long allSequential = 5 * LATENCY.toMillis();
      System.out.printf("Organisation-token run, approval to done, each API answer %d ms:%n",
          LATENCY.toMillis());
      System.out.printf("  first run (admin login included): %d ms; floor of sequential calls"
          + " %d ms (%.2fx)%n", first, floorCold, (double) first / floorCold);
      System.out.printf("  next %d runs (login token cached): median %d ms, min %d, max %d;"
          + " floor %d ms (%.2fx); with the two CircleCI writes one after the other the floor"
          + " would be %d ms%n", warm.size(), median, warm.get(0), warm.get(warm.size() - 1),
          floorWarm, (double) median / floorWarm, allSequential - LATENCY.toMillis());
    }
    System.exit(0);
  }

  /** Submits, approves and waits for DONE; the time between the audit rows APPROVED and DONE. */
  private static long oneRun(TestBot bot, FakeSlack slack, String pipeline) throws Exception {
    try (Response response = bot.send(ModalValues.valid().with("pipeline", pipeline)
        .submittedBy("U0REQUESTER", "C0GENERAL"))) {
      if (response.code() != 200) {
        throw new IllegalStateException("submission answered " + response.code());
      }
    }
    ProvisioningRequest request = Await.first(() -> bot.requests().findLive(pipeline, java.util.Optional.empty())
        .filter(r -> r.card().isPresent()), "card of " + pipeline);
    MessageRef card = request.card().orElseThrow();
    try (Response response = bot.send(SlackRequests.blockAction("U0APPROVER", "approve-action",
        Long.toString(request.id()), card.channel(), card.ts(), slack.responseUrl("a" + request.id())))) {
      if (response.code() != 200) {
        throw new IllegalStateException("approve answered " + response.code());
      }
    }
    Await.until(() -> bot.requests().find(request.id()).orElseThrow().state() == RequestState.DONE,
        Duration.ofSeconds(30), () -> pipeline + " done");
    List<AuditEvent> audit = bot.audit().forRequest(request.id());
    if (Boolean.getBoolean("bench.trace")) {
      Instant start = at(audit, "APPROVED");
      audit.forEach(e -> System.out.println("  +" + Duration.between(start, e.at()).toMillis()
          + " ms " + e.action()));
    }
    Instant approved = at(audit, "APPROVED");
    Instant done = at(audit, "DONE");
    return Duration.between(approved, done).toMillis();
  }

  private static Instant at(List<AuditEvent> audit, String action) {
    return audit.stream().filter(e -> e.action().equals(action)).findFirst().orElseThrow().at();
  }
}

package org.webops.dockerhubbot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Response;
import org.webops.dockerhubbot.slack.blocks.SlackIds;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * How long an organisation-token rotation takes from the confirmation to the variables read
 * back when every Docker Hub and CircleCI answer takes {@code LATENCY}, against the floor of the
 * calls that must follow one another: create the token, write the two variables (at once), read
 * them back. (Nothing is listed first: the operation has made no token before, and the variables
 * are the credential's own.) The credentials are all provisioned first, untimed,
 * as rotations come long after provisioning.
 */
public final class RotationBenchmark {
  private static final Duration LATENCY =
      Duration.ofMillis(Long.getLong("bench.latencyMillis", 100));
  private static final int ROTATIONS = 10;
  private static final int SEQUENTIAL_CALLS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("rotation-bench");
    try (FakeSlack slack = new FakeSlack();
        TestBot bot = new TestBot(dir, slack, Map.of("ROTATION_GRACE", "PT0S"))) {
      slack.channelMembers(Set.of("U0REQUESTER", "U0APPROVER", FakeSlack.BOT_USER));
      bot.dockerhub().latency(LATENCY);
      bot.circleci().delay(LATENCY);
      List<Long> requestIds = new ArrayList<>();
      for (int i = 0; i < ROTATIONS; i++) {
        requestIds.add(provision(bot, slack, "gh/example/rotate-" + i));
      }
      List<Long> millis = new ArrayList<>();
      for (long requestId : requestIds) {
        millis.add(rotate(bot, requestId));
      }
      Collections.sort(millis);
      long median = millis.get(millis.size() / 2);
      long floor = SEQUENTIAL_CALLS * LATENCY.toMillis();
      System.out.printf("Organisation-token rotation, confirmation to variables read back, each"
          + " API answer %d ms:%n", LATENCY.toMillis());
      System.out.printf("  %d rotations: median %d ms, min %d, max %d; floor of sequential calls"
          + " %d ms (%.2fx, goal 1.2x)%n", millis.size(), median, millis.get(0),
          millis.get(millis.size() - 1), floor, (double) median / floor);
    }
    System.exit(0);
  }

  private static long provision(TestBot bot, FakeSlack slack, String pipeline) throws Exception {
    try (Response response = bot.send(ModalValues.valid().with("pipeline", pipeline)
        .submittedBy("U0REQUESTER", "C0GENERAL"))) {
      check(response, "submission");
    }
    ProvisioningRequest request = Await.first(() -> bot.requests()
        .findLive(pipeline, Optional.empty()).filter(r -> r.card().isPresent()), "card of "
        + pipeline);
    MessageRef card = request.card().orElseThrow();
    try (Response response = bot.send(SlackRequests.blockAction("U0APPROVER", "approve-action",
        Long.toString(request.id()), card.channel(), card.ts(),
        slack.responseUrl("a" + request.id())))) {
      check(response, "approve");
    }
    awaitState(bot, request.id(), RequestState.DONE);
    return request.id();
  }

  /** Confirms a rotation; the time from its audit row to the read-back step's record. */
  private static long rotate(TestBot bot, long requestId) throws Exception {
    ObjectNode values = JSON.createObjectNode();
    values.putObject(SlackIds.SEND_LINK_BLOCK).putObject(SlackIds.SEND_LINK_ACTION)
        .put("type", "checkboxes").putArray("selected_options");
    try (Response response = bot.send(SlackRequests.viewSubmission("U0APPROVER",
        SlackIds.ROTATE_MODAL, Long.toString(requestId), values))) {
      check(response, "rotation");
    }
    Await.until(() -> bot.audit().forRequest(requestId).stream()
        .anyMatch(event -> event.action().equals("ROTATED")), Duration.ofSeconds(30),
        () -> "request #" + requestId + " rotated");
    Instant asked = bot.audit().forRequest(requestId).stream()
        .filter(event -> event.action().equals("ROTATE")).findFirst().orElseThrow().at();
    if (Boolean.getBoolean("bench.trace")) {
      trace(bot, requestId, asked);
    }
    return Duration.between(asked, readBack(bot, requestId)).toMillis();
  }

  /** Each step of the rotation, by when its result was recorded. */
  private static void trace(TestBot bot, long requestId, Instant asked) throws Exception {
    try (Connection c = bot.requestsDataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT s.step, s.updated_at FROM"
            + " operation_steps s JOIN operations o ON o.id = s.operation_id WHERE"
            + " o.request_id = ? AND o.kind = 'ROTATE' UNION ALL SELECT 'operation opened',"
            + " created_at FROM operations WHERE request_id = ? AND kind = 'ROTATE'"
            + " ORDER BY 2")) {
      s.setLong(2, requestId);
      s.setLong(1, requestId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          System.out.println("  +" + Duration.between(asked, rs.getObject(2,
              OffsetDateTime.class).toInstant()).toMillis() + " ms " + rs.getString(1));
        }
      }
    }
  }

  private static Instant readBack(TestBot bot, long requestId) throws Exception {
    try (Connection c = bot.requestsDataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT s.updated_at FROM operation_steps s"
            + " JOIN operations o ON o.id = s.operation_id WHERE o.request_id = ?"
            + " AND o.kind = 'ROTATE' AND s.step = 'READ_BACK_CIRCLECI'")) {
      s.setLong(1, requestId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getObject(1, OffsetDateTime.class).toInstant();
      }
    }
  }

  private static void awaitState(TestBot bot, long requestId, RequestState state) {
    Await.until(() -> bot.requests().find(requestId).orElseThrow().state() == state,
        Duration.ofSeconds(30), () -> "request #" + requestId + " " + state);
  }

  private static void check(Response response, String what) {
    if (response.code() != 200) {
      throw new IllegalStateException(what + " answered " + response.code());
    }
  }
}

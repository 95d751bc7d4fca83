package org.webops.dockerhubbot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.storage.DatabaseUrl;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.BotProcess;
import org.webops.dockerhubbot.testing.External;
import org.webops.dockerhubbot.testing.FakeDockerHub;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.TestBot;

/**
 * Two bot processes (the packaged jar) on one PostgreSQL, with the default lease timings: clicks
 * land on either, ten concurrent approvals make one decision, and when the instance that holds a
 * run is killed in the middle of a step, the other finishes the run.
 */
class TwoInstancesProcessIT {
  private static final String FIRST = "gh/example/first";
  private static final String SECOND = "gh/example/second";

  @TempDir Path dir;
  private Bots bots;
  private BotProcess a;
  private BotProcess b;
  private DatabaseUrl database;

  @BeforeEach
  void start() throws Exception {
    String url = System.getenv("TEST_POSTGRES_URL");
    External.require("PostgreSQL", url != null && !url.isBlank(),
        "set TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/database; .ci/run does");
    database = DatabaseUrl.parse(url);
    sql("DROP SCHEMA public CASCADE", "CREATE SCHEMA public");
    bots = new Bots();
    Map<String, String> env = bots.environment(dir, url);
    a = BotProcess.start(dir, "a", env);
    b = BotProcess.start(dir, "b", env);
  }

  @AfterEach
  void stop() {
    for (BotProcess bot : new BotProcess[] {a, b}) {
      if (bot != null) {
        bot.close();
      }
    }
    if (bots != null) {
      bots.close();
    }
  }

  @Test
  void clicksOnEitherInstance_oneDecision_andAKilledInstancesRunIsFinishedByTheOther()
      throws Exception {
    // a request submitted to B, approved on A, fails once, retried on B
    bots.dockerhub.failNext("POST", Bots.ORG_TOKENS, 403, 1);
    bots.submit(b, SECOND);
    FakeSlack.Call second = bots.card(SECOND);
    bots.click(a, second, Bots.APPROVER, "approve-action");
    bots.awaitCard(second, "Progress* — stopped");
    bots.click(b, second, Bots.APPROVER, "retry-action");
    bots.awaitCard(second, "Progress* — done");

    // a request submitted to A gets ten concurrent approvals, five on each instance
    bots.dockerhub.stallNext("POST", Bots.ORG_TOKENS, Duration.ofSeconds(120));
    int postsBefore = bots.dockerhub.count("POST", Bots.ORG_TOKENS);
    bots.submit(a, FIRST);
    FakeSlack.Call first = bots.card(FIRST);
    long firstId = Bots.requestId(first);
    approveTenTimesAtOnce(first);
    Await.until(() -> bots.dockerhub.count("POST", Bots.ORG_TOKENS) == postsBefore + 1,
        Bots.LONG, () -> "the run to reach Docker Hub");
    bots.awaitToldRequester("was approved by");
    assertThat(count("SELECT COUNT(*) FROM audit_events WHERE request_id = " + firstId
        + " AND action = 'APPROVED'")).as("one decision").isEqualTo(1);

    // the instance that holds the run dies in the middle of the token step
    BotProcess holder = holderOf(firstId);
    BotProcess survivor = holder == a ? b : a;
    long killedAt = System.nanoTime();
    holder.kill9();

    // the other instance takes the run over once the lease has run out, and finishes it
    bots.awaitCard(first, "Progress* — done");
    long tookOver = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
    assertThat(tookOver).as("seconds until the other instance finished").isLessThan(75);
    assertThat(survivor.isAlive()).isTrue();
    FakeDockerHub.OrgToken token = bots.dockerhub.orgTokens().stream()
        .filter(t -> t.label().contains("-r" + firstId + "-")).reduce((x, y) -> {
          throw new AssertionError("two tokens for request #" + firstId + ": " + x + ", " + y);
        }).orElseThrow();
    assertThat(token.label()).endsWith("-g2"); // the stalled one was deleted and replaced
    assertThat(bots.dockerhub.orgTokens()).hasSize(2).allMatch(FakeDockerHub.OrgToken::active);
    assertThat(bots.circleci.projectVariables(FIRST))
        .isEqualTo(Map.of("DOCKER_USER", TestBot.ORG, "DOCKER_ACCESS_TOKEN", token.token()));
    assertThat(bots.linksToApprover("Credentials for `" + FIRST + "`")).hasSize(1);
    assertThat(bots.awaitToldRequester("#" + firstId + " for `" + FIRST + "` is done"))
        .hasSize(1);
    for (String notice : List.of("waits for approval", "was approved by")) {
      assertThat(bots.toldRequester("#" + firstId + " for `" + FIRST + "` " + notice))
          .as(notice).hasSize(1);
    }
    assertThat(threadNoticeIds()).doesNotHaveDuplicates();
    assertThat(count("SELECT COUNT(*) FROM audit_events WHERE request_id = " + firstId
        + " AND action = 'DONE'")).isEqualTo(1);
    System.out.println("The other instance finished the run " + tookOver + " s after the kill");
  }

  private void approveTenTimesAtOnce(FakeSlack.Call card) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> clicks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      BotProcess to = i % 2 == 0 ? a : b;
      clicks.add(pool.submit(() -> {
        go.await();
        return bots.click(to, card, Bots.APPROVER, "approve-action");
      }));
    }
    go.countDown();
    for (Future<String> click : clicks) {
      click.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
  }

  /** The process whose id is in the request's run owner ({@code host:pid/run}). */
  private BotProcess holderOf(long requestId) throws SQLException {
    String owner = Await.first(() -> {
      try {
        return java.util.Optional.ofNullable(text("SELECT run_owner FROM operations WHERE request_id = "
            + requestId));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }, "a run owner for request #" + requestId);
    long pid = Long.parseLong(owner.substring(owner.lastIndexOf(':') + 1, owner.indexOf('/')));
    assertThat(pid).isIn(a.pid(), b.pid());
    return pid == a.pid() ? a : b;
  }

  private List<String> threadNoticeIds() {
    return bots.slack.messages(TestBot.APPROVAL_CHANNEL).stream()
        .filter(m -> m.threadTs() != null && m.metadata() != null
            && m.metadata().contains("notice_id"))
        .map(FakeSlack.Message::metadata).toList();
  }

  private int count(String query) throws SQLException {
    return Integer.parseInt(text(query));
  }

  private String text(String query) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet row = st.executeQuery(query)) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String statement : statements) {
        st.execute(statement);
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.username().orElse(null),
        database.password().orElse(null));
  }
}

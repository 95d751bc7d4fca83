package org.webops.dockerhubbot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;

/**
 * Ack latency under 64 concurrent signed requests: the bot against a bare Bolt-in-Javalin app
 * whose listeners only ack (the floor; goals per round: p50 within 1.25×, p99 within 1.5×). Four
 * request kinds: the slash commands {@code list} (database reads) and {@code help}, a button on
 * a request that is decided already, and the request modal's submission (validation, the
 * CircleCI lookup, which the fake answers in a fixed time and the floor waits out too, and one
 * database write). Each server runs in its own JVM with the Procfile's options; the fake Slack
 * and the clients run here. {@code bench/run ack h2} compares the bot on its crash-safe H2 file
 * with the bot on an in-memory H2 instead. Run with {@code bench/run ack [kind…]}.
 */
public final class AckLatencyBenchmark {
  private static final int CONCURRENCY = 64;
  private static final int WARMUP_PER_CLIENT = 40;
  private static final int MEASURED_PER_CLIENT = 60;
  private static final int ROUNDS = 7;
  private static final int DECIDED = 50;
  /** How long the fake CircleCI takes to answer the form's project lookup. */
  private static final Duration LOOKUP = Duration.ofMillis(20);

  private final OkHttpClient http = new OkHttpClient.Builder()
      .connectionPool(new ConnectionPool(CONCURRENCY, 1, TimeUnit.MINUTES))
      .dispatcher(dispatcher())
      .callTimeout(Duration.ofSeconds(30))
      .build();
  private final AtomicInteger pipelineCounter = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    new AckLatencyBenchmark().run(List.of(args));
    System.exit(0);
  }

  /** @param kinds any of "list", "help", "click", "modal", "h2"; empty for the first four */
  private void run(List<String> kinds) throws Exception {
    try (FakeSlack slack = new FakeSlack(); FakeCircleCi circleci = new FakeCircleCi()) {
      circleci.delay(LOOKUP);
      Path dir = Files.createTempDirectory("ack-bench");
      int barePort = BenchProcesses.freePort();
      Process bare = BenchProcesses.launchBare(Files.createDirectories(dir.resolve("bare")),
          barePort, slack, LOOKUP);
      int botPort = BenchProcesses.freePort();
      // BENCH_DATABASE_URL: the bot on another database, e.g. PostgreSQL, instead of its H2 file
      Map<String, String> database = System.getenv("BENCH_DATABASE_URL") == null ? Map.of()
          : Map.of("DATABASE_URL", System.getenv("BENCH_DATABASE_URL"));
      Process bot = BenchProcesses.launchBot(Files.createDirectories(dir.resolve("bot")), botPort,
          slack, circleci, database, true);
      Process inMemory = null;
      try {
        BenchProcesses.millisUntilHealthy(bare, barePort);
        BenchProcesses.millisUntilHealthy(bot, botPort);
        String bareUrl = "http://127.0.0.1:" + barePort + "/slack/events";
        String botUrl = "http://127.0.0.1:" + botPort + "/slack/events";
        String botOnlyUrl = botUrl;
        if (kinds.contains("h2")) {
          int memPort = BenchProcesses.freePort();
          inMemory = BenchProcesses.launchBot(Files.createDirectories(dir.resolve("mem")),
              memPort, slack, circleci, Map.of("DATABASE_URL", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"),
              true);
          BenchProcesses.millisUntilHealthy(inMemory, memPort);
          botOnlyUrl = "http://127.0.0.1:" + memPort + "/slack/events";
          System.out.println("The crash-safe H2 file (WRITE_DELAY=0) against an in-memory H2"
              + " (no disk at all, an upper bound of what durability costs):");
          compare("modal submission, in-memory H2 as the floor", botOnlyUrl, botUrl,
              submissions(slack));
          return;
        }
        header();
        List<String> chosen = kinds.isEmpty() ? List.of("list", "help", "click", "modal") : kinds;
        for (String kind : chosen) {
          switch (kind) {
            case "list" -> compare("slash command (list)", bareUrl, botUrl, command(slack, "list"));
            case "help" -> compare("slash command (help)", bareUrl, botUrl, command(slack, "help"));
            case "click" -> compare("button on a decided request", bareUrl, botUrl,
                clicks(slack, decidedRequests(botUrl, slack)));
            case "modal" -> compare("modal submission (CircleCI " + LOOKUP.toMillis() + " ms)",
                bareUrl, botUrl, submissions(slack));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
          }
        }
        System.out.printf("Resident memory of the bot after the ack benchmark: VmRSS %s, VmHWM %s,"
            + " %s threads (goal: under 256 MB)%n", BenchProcesses.memory(bot, "VmRSS"),
            BenchProcesses.memory(bot, "VmHWM"), BenchProcesses.threads(bot));
        BenchProcesses.printNativeMemory(bot);
      } finally {
        BenchProcesses.stop(bot);
        BenchProcesses.stop(bare);
        if (inMemory != null) {
          BenchProcesses.stop(inMemory);
        }
      }
    }
  }

  private void header() {
    System.out.printf("Ack latency, %d concurrent clients, %d requests each per round, %d rounds"
        + " (rounds alternate between the two), %d cores; each server in its own JVM with the"
        + " Procfile's options %s; the floor's modal submission waits %d ms as the bot's CircleCI"
        + " lookup does%n", CONCURRENCY, MEASURED_PER_CLIENT, ROUNDS,
        Runtime.getRuntime().availableProcessors(), BenchProcesses.procfileOptions(),
        LOOKUP.toMillis());
  }

  private static IntFunction<String> command(FakeSlack slack, String text) {
    return i -> SlackRequests.slashCommand("U0BENCH" + (i % 50), "C0GENERAL", text,
        slack.responseUrl("bench"));
  }

  private IntFunction<String> submissions(FakeSlack slack) {
    return i -> ModalValues.valid()
        .with("pipeline", "gh/bench/app-" + pipelineCounter.incrementAndGet())
        .submittedBy("U0BENCH" + (i % 50), "C0GENERAL");
  }

  private static IntFunction<String> clicks(FakeSlack slack, List<Card> cards) {
    return i -> {
      Card card = cards.get(i % cards.size());
      return SlackRequests.blockAction("U0BENCH" + (i % 50), "approve-action",
          Long.toString(card.requestId()), TestBot.APPROVAL_CHANNEL, card.ts(),
          slack.responseUrl("click"));
    };
  }

  /** A request's card as Slack holds it. */
  private record Card(long requestId, String ts) {}

  /**
   * Requests that are decided already (withdrawn by their requesters), so that a click is
   * answered from the database: their ids and card timestamps, as Slack would send them.
   */
  private List<Card> decidedRequests(String botUrl, FakeSlack slack) throws Exception {
    List<Card> cards = new ArrayList<>();
    for (int k = 0; k < DECIDED; k++) {
      String pipeline = "gh/bench/decided-" + k;
      String user = "U0DECIDER" + k;
      send(botUrl, ModalValues.valid().with("pipeline", pipeline).submittedBy(user, "C0GENERAL"));
      FakeSlack.Message card = Await.first(() -> slack.messages(TestBot.APPROVAL_CHANNEL).stream()
          .filter(m -> m.threadTs() == null && m.text().endsWith(pipeline)).findFirst(),
          "the card of " + pipeline);
      send(botUrl, SlackRequests.slashCommand(user, "C0GENERAL", "withdraw " + pipeline,
          slack.responseUrl("withdraw")));
      cards.add(new Card(k + 1L, card.ts())); // the first requests of a fresh database
    }
    return cards;
  }

  private void send(String url, String body) throws Exception {
    long now = Instant.now().getEpochSecond();
    try (Response response = http.newCall(new Request.Builder().url(url)
        .header("X-Slack-Signature", SlackRequests.sign(TestBot.SIGNING_SECRET, now, body))
        .header("X-Slack-Request-Timestamp", Long.toString(now))
        .post(RequestBody.create(body, TestBot.FORM)).build()).execute()) {
      if (response.code() != 200) {
        throw new IllegalStateException("HTTP " + response.code() + " from " + url);
      }
    }
  }

  /** Alternating rounds of the floor and the bot; the per-round ratios and their goals. */
  private void compare(String name, String floorUrl, String botUrl, IntFunction<String> bodies)
      throws Exception {
    load(floorUrl, bodies, WARMUP_PER_CLIENT);
    load(botUrl, bodies, WARMUP_PER_CLIENT);
    List<Stats> floorRounds = new ArrayList<>();
    List<Stats> botRounds = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      Stats floor = load(floorUrl, bodies, MEASURED_PER_CLIENT);
      Stats measured = load(botUrl, bodies, MEASURED_PER_CLIENT);
      floorRounds.add(floor);
      botRounds.add(measured);
      p50.add(measured.p50 / floor.p50);
      p95.add(measured.p95 / floor.p95);
      p99.add(measured.p99 / floor.p99);
    }
    Stats floor = median(floorRounds);
    Stats measured = median(botRounds);
    System.out.printf("%-40s floor p50 %6.2f ms p95 %6.2f ms p99 %6.2f ms | bot p50 %6.2f ms"
            + " p95 %6.2f ms p99 %6.2f ms%n", name, floor.p50, floor.p95, floor.p99,
        measured.p50, measured.p95, measured.p99);
    System.out.printf("%-40s bot/floor per round: p50 %s, p95 %s, p99 %s%n", "",
        graded(p50, 1.25), graded(p95, Double.NaN), graded(p99, 1.5));
  }

  /** The median ratio with its range, and whether it meets the goal (NaN: none). */
  private static String graded(List<Double> ratios, double goal) {
    double median = medianOf(ratios);
    String range = String.format("%.2f (%.2f..%.2f)", median, Collections.min(ratios),
        Collections.max(ratios));
    return Double.isNaN(goal) ? range
        : range + (median <= goal ? " ok" : " MISSED") + " (goal " + goal + ")";
  }

  private static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private Stats load(String url, IntFunction<String> bodies, int perClient) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < CONCURRENCY; c++) {
      int client = c;
      futures.add(clients.submit(() -> {
        long[] nanos = new long[perClient];
        go.await();
        for (int i = 0; i < perClient; i++) {
          String body = bodies.apply(client * perClient + i);
          long now = Instant.now().getEpochSecond();
          Request request = new Request.Builder().url(url)
              .header("X-Slack-Signature", SlackRequests.sign(TestBot.SIGNING_SECRET, now, body))
              .header("X-Slack-Request-Timestamp", Long.toString(now))
              .post(RequestBody.create(body, TestBot.FORM)).build();
          long start = System.nanoTime();
          try (Response response = http.newCall(request).execute()) {
            response.body().bytes();
            if (response.code() != 200) {
              throw new IllegalStateException("HTTP " + response.code() + " from " + url);
            }
          }
          nanos[i] = System.nanoTime() - start;
        }
        return nanos;
      }));
    }
    go.countDown();
    long[] all = new long[0];
    for (Future<long[]> future : futures) {
      long[] part = future.get(5, TimeUnit.MINUTES);
      long[] merged = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, merged, all.length, part.length);
      all = merged;
    }
    clients.shutdown();
    Arrays.sort(all);
    return new Stats(ms(all, 0.50), ms(all, 0.95), ms(all, 0.99));
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }

  private static Stats median(List<Stats> rounds) {
    List<Stats> sorted = new ArrayList<>(rounds);
    sorted.sort((a, b) -> Double.compare(a.p50, b.p50));
    return sorted.get(sorted.size() / 2);
  }

  private static okhttp3.Dispatcher dispatcher() {
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
    dispatcher.setMaxRequests(CONCURRENCY * 2);
    dispatcher.setMaxRequestsPerHost(CONCURRENCY * 2);
    return dispatcher;
  }

  private record Stats(double p50, double p95, double p99) {}
}

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
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.ModalValues;
import org.webops.dockerhubbot.testing.SlackRequests;
import org.webops.dockerhubbot.testing.TestBot;

/**
 * Ack latency under 64 concurrent signed requests: the bot against a bare Bolt-in-Javalin app
 * whose listeners only ack (the baseline; goal: within 1.25×). Two request kinds: the slash
 * command ({@code list}, one database read) and the request modal's submission (validation and
 * one database write, then card and notice on the executor). Each server runs in its own JVM
 * with the Procfile's options; the fake Slack and the clients run here. Run with {@code bench/run}.
 */
public final class AckLatencyBenchmark {
  private static final int CONCURRENCY = 64;
  private static final int WARMUP_PER_CLIENT = 40;
  private static final int MEASURED_PER_CLIENT = 60;
  private static final int ROUNDS = 7;

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

  /** @param kinds "slash", "modal", or empty for both */
  private void run(List<String> kinds) throws Exception {
    try (FakeSlack slack = new FakeSlack(); FakeCircleCi circleci = new FakeCircleCi()) {
      Path dir = Files.createTempDirectory("ack-bench");
      int barePort = BenchProcesses.freePort();
      Process bare = BenchProcesses.launchBare(Files.createDirectories(dir.resolve("bare")), barePort, slack);
      int botPort = BenchProcesses.freePort();
      Process bot = BenchProcesses.launchBot(Files.createDirectories(dir.resolve("bot")), botPort, slack, circleci);
      try {
        BenchProcesses.millisUntilHealthy(bare, barePort);
        BenchProcesses.millisUntilHealthy(bot, botPort);
        measure("http://127.0.0.1:" + barePort + "/slack/events",
            "http://127.0.0.1:" + botPort + "/slack/events", slack, kinds);
        System.out.printf("Resident memory of the bot after the ack benchmark: VmRSS %s, VmHWM %s%n",
            BenchProcesses.memory(bot, "VmRSS"), BenchProcesses.memory(bot, "VmHWM"));
        BenchProcesses.printNativeMemory(bot);
      } finally {
        BenchProcesses.stop(bot);
        BenchProcesses.stop(bare);
      }
    }
  }

  private void measure(String bareUrl, String botUrl, FakeSlack slack, List<String> kinds)
      throws Exception {
    IntFunction<String> command = i -> SlackRequests.slashCommand("U0BENCH" + (i % 50),
        "C0GENERAL", "list", slack.responseUrl("bench"));
    IntFunction<String> submission = i -> ModalValues.valid()
        .with("pipeline", "gh/bench/app-" + pipelineCounter.incrementAndGet())
        .submittedBy("U0BENCH" + (i % 50), "C0GENERAL");

    System.out.printf("Ack latency, %d concurrent clients, %d requests each per round, %d rounds"
        + " (rounds alternate between the two), %d cores; each server in its own JVM with the Procfile's"
        + " options %s%n", CONCURRENCY, MEASURED_PER_CLIENT, ROUNDS,
        Runtime.getRuntime().availableProcessors(), BenchProcesses.procfileOptions());
    List<Map.Entry<String, IntFunction<String>>> chosen = new ArrayList<>();
    if (kinds.isEmpty() || kinds.contains("slash")) {
      chosen.add(Map.entry("slash command (list)", command));
    }
    if (kinds.isEmpty() || kinds.contains("modal")) {
      chosen.add(Map.entry("modal submission (store request)", submission));
    }
    for (var kind : chosen) {
      load(bareUrl, kind.getValue(), WARMUP_PER_CLIENT);
      load(botUrl, kind.getValue(), WARMUP_PER_CLIENT);
      List<Stats> bareRounds = new ArrayList<>();
      List<Stats> botRounds = new ArrayList<>();
      List<Double> p50Ratios = new ArrayList<>();
      List<Double> p95Ratios = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        Stats baseline = load(bareUrl, kind.getValue(), MEASURED_PER_CLIENT);
        Stats measured = load(botUrl, kind.getValue(), MEASURED_PER_CLIENT);
        bareRounds.add(baseline);
        botRounds.add(measured);
        p50Ratios.add(measured.p50 / baseline.p50);
        p95Ratios.add(measured.p95 / baseline.p95);
      }
      Stats baseline = median(bareRounds);
      Stats measured = median(botRounds);
      System.out.printf("%-34s baseline p50 %6.2f ms p95 %6.2f ms p99 %6.2f ms | bot p50 %6.2f ms"
              + " p95 %6.2f ms p99 %6.2f ms%n", kind.getKey(), baseline.p50, baseline.p95,
          baseline.p99, measured.p50, measured.p95, measured.p99);
      System.out.printf("%-34s bot/baseline per round: p50 median %.2f (%.2f..%.2f), p95 median"
              + " %.2f (%.2f..%.2f); goal: within 1.25%n", "", medianOf(p50Ratios),
          Collections.min(p50Ratios), Collections.max(p50Ratios), medianOf(p95Ratios),
          Collections.min(p95Ratios), Collections.max(p95Ratios));
    }
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

package org.webops.dockerhubbot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Cold start of the packaged jar to the first 200 from {@code /health} (goals: under 1.5 s, and
 * within 1.5× of the bare Bolt-in-Javalin floor started alternately in the same run), with and
 * without the class-data archive; then resident memory after a burst of Slack traffic (goal:
 * under 256 MB) with the JVM options of the Procfile and manifest.yml.
 */
public final class StartupBenchmark {
  private static final int STARTS = 5;
  private static final int TRAFFIC = 3000;

  private final OkHttpClient http = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] args) throws Exception {
    new StartupBenchmark().run();
    System.exit(0);
  }

  private void run() throws Exception {
    try (FakeSlack slack = new FakeSlack(); FakeCircleCi circleci = new FakeCircleCi()) {
      List<Long> floor = new ArrayList<>();
      List<Long> withArchive = new ArrayList<>();
      List<Long> withoutArchive = new ArrayList<>();
      for (int i = 0; i < STARTS; i++) {
        floor.add(startFloor(slack));
        withoutArchive.add(startBot(slack, circleci, false, false));
        withArchive.add(startBot(slack, circleci, true, i == STARTS - 1));
      }
      long floorMedian = median(floor);
      System.out.printf("Cold start to /health 200 over %d alternating starts (JVM options %s):%n",
          STARTS, String.join(" ", BenchProcesses.procfileOptions()));
      System.out.printf("  floor (bare Bolt in Javalin): %s ms, median %d ms%n", floor, floorMedian);
      System.out.printf("  bot with the class-data archive: %s ms, median %d ms, %.2fx the floor"
          + " (goals: under 1500 ms, within 1.5x)%n", withArchive, median(withArchive),
          (double) median(withArchive) / floorMedian);
      System.out.printf("  bot without it: %s ms, median %d ms, %.2fx the floor%n",
          withoutArchive, median(withoutArchive), (double) median(withoutArchive) / floorMedian);
    }
  }

  private static long startFloor(FakeSlack slack) throws Exception {
    Path dir = Files.createTempDirectory("startup-floor");
    int port = BenchProcesses.freePort();
    Process bare = BenchProcesses.launchBare(dir, port, slack);
    try {
      return BenchProcesses.millisUntilHealthy(bare, port);
    } finally {
      BenchProcesses.stop(bare);
    }
  }

  private long startBot(FakeSlack slack, FakeCircleCi circleci, boolean classData,
      boolean thenMemory) throws Exception {
    Path dir = Files.createTempDirectory("startup-bench");
    int port = BenchProcesses.freePort();
    Process bot = BenchProcesses.launchBot(dir, port, slack, circleci, java.util.Map.of(),
        classData);
    try {
      long millis = BenchProcesses.millisUntilHealthy(bot, port);
      if (thenMemory) {
        traffic(port, slack);
        System.out.printf("Resident memory after %d Slack requests: VmRSS %s, VmHWM %s, %s"
            + " threads (goal: under 256 MB)%n", TRAFFIC, BenchProcesses.memory(bot, "VmRSS"),
            BenchProcesses.memory(bot, "VmHWM"), BenchProcesses.threads(bot));
      }
      return millis;
    } finally {
      BenchProcesses.stop(bot);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private void traffic(int port, FakeSlack slack) throws Exception {
    String url = "http://127.0.0.1:" + port + "/slack/events";
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < TRAFFIC; i++) {
      int n = i;
      futures.add(clients.submit(() -> {
        String body = n % 2 == 0
            ? SlackRequests.slashCommand("U0MEM" + (n % 20), "C0GENERAL", "list", slack.responseUrl("m"))
            : ModalValues.valid().with("pipeline", "gh/memory/app-" + n).submittedBy("U0MEM" + (n % 20), "C0GENERAL");
        long now = Instant.now().getEpochSecond();
        Request request = new Request.Builder().url(url)
            .header("X-Slack-Signature", SlackRequests.sign(TestBot.SIGNING_SECRET, now, body))
            .header("X-Slack-Request-Timestamp", Long.toString(now))
            .post(RequestBody.create(body, TestBot.FORM)).build();
        try (Response response = http.newCall(request).execute()) {
          if (response.code() != 200) {
            throw new IllegalStateException("HTTP " + response.code());
          }
        }
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get(2, TimeUnit.MINUTES);
    }
    clients.shutdown();
  }

}

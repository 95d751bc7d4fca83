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
 * Cold start of the packaged jar to the first 200 from {@code /health} (goal: under 1.5 s), then
 * resident memory after a burst of Slack traffic (goal: under 256 MB) with the JVM options of the
 * Procfile and manifest.yml.
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
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < STARTS; i++) {
        Path dir = Files.createTempDirectory("startup-bench");
        int port = BenchProcesses.freePort();
        Process bot = BenchProcesses.launchBot(dir, port, slack, circleci);
        try {
          millis.add(BenchProcesses.millisUntilHealthy(bot, port));
          if (i == STARTS - 1) {
            traffic(port, slack);
            System.out.printf("Resident memory after %d Slack requests: VmRSS %s, VmHWM %s"
                + " (goal: under 256 MB; JVM options %s)%n", TRAFFIC, BenchProcesses.memory(bot, "VmRSS"),
                BenchProcesses.memory(bot, "VmHWM"), String.join(" ", BenchProcesses.procfileOptions()));
          }
        } finally {
          BenchProcesses.stop(bot);
        }
      }
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      System.out.printf("Cold start to /health 200 over %d starts: %s ms, median %d ms (goal: under 1500 ms)%n",
          STARTS, millis, sorted.get(sorted.size() / 2));
    }
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

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
  /** The JVM options of the Procfile's web process, so that what is measured is what deploys. */
  static final List<String> DEPLOY_JVM_OPTIONS = procfileOptions();
  private static final int STARTS = 5;
  private static final int TRAFFIC = 3000;

  private final OkHttpClient http = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] args) throws Exception {
    new StartupBenchmark().run(Path.of(args.length > 0 ? args[0] : "target/dockerhub-user-bot.jar"));
    System.exit(0);
  }

  private void run(Path jar) throws Exception {
    try (FakeSlack slack = new FakeSlack()) {
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < STARTS; i++) {
        Path dir = Files.createTempDirectory("startup-bench");
        int port = freePort();
        Process bot = launch(jar, dir, port, slack);
        try {
          millis.add(untilHealthy(bot, port));
          if (i == STARTS - 1) {
            traffic(port, slack);
            System.out.printf("Resident memory after %d Slack requests: VmRSS %s, VmHWM %s"
                + " (goal: under 256 MB; JVM options %s)%n", TRAFFIC, status(bot, "VmRSS"),
                status(bot, "VmHWM"), String.join(" ", DEPLOY_JVM_OPTIONS));
          }
        } finally {
          bot.destroy();
          bot.waitFor(10, TimeUnit.SECONDS);
        }
      }
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      System.out.printf("Cold start to /health 200 over %d starts: %s ms, median %d ms (goal: under 1500 ms)%n",
          STARTS, millis, sorted.get(sorted.size() / 2));
    }
  }

  private static List<String> procfileOptions() {
    try {
      String web = Files.readAllLines(Path.of("Procfile")).stream()
          .filter(line -> line.startsWith("web:")).findFirst().orElseThrow();
      List<String> words = List.of(web.substring(4).trim().split("\\s+"));
      return words.subList(1, words.indexOf("-jar"));
    } catch (IOException e) {
      throw new IllegalStateException("run from the project folder: " + e.getMessage(), e);
    }
  }

  private static Process launch(Path jar, Path dir, int port, FakeSlack slack) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(DEPLOY_JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("bot.log").toFile());
    Map<String, String> env = builder.environment();
    env.putAll(TestBot.baseEnvironment(dir, slack));
    env.put("PORT", Integer.toString(port));
    return builder.start();
  }

  private long untilHealthy(Process bot, int port) {
    long start = System.nanoTime();
    Request health = new Request.Builder().url("http://127.0.0.1:" + port + "/health").build();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
      if (!bot.isAlive()) {
        throw new IllegalStateException("the bot exited with " + bot.exitValue());
      }
      try (Response response = http.newCall(health).execute()) {
        if (response.code() == 200) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
      } catch (IOException notYet) {
        LockSupport.parkNanos(5_000_000);
      }
    }
    throw new IllegalStateException("no healthy answer within 30 s");
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

  private static String status(Process process, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format("%.0f MB", kb / 1024.0);
      }
    }
    return "unknown";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

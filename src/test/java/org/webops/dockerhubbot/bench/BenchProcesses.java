package org.webops.dockerhubbot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.webops.dockerhubbot.testing.FakeCircleCi;
import org.webops.dockerhubbot.testing.FakeSlack;
import org.webops.dockerhubbot.testing.TestBot;

/** Starts the bot and the baseline as their own processes, with the Procfile's JVM options. */
final class BenchProcesses {
  static final Path JAR = Path.of("target/dockerhub-user-bot.jar");
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(5)).build();

  private BenchProcesses() {}

  /** The JVM options of the Procfile's web process, so that what is measured is what deploys. */
  static List<String> procfileOptions() {
    try {
      String web = Files.readAllLines(Path.of("Procfile")).stream()
          .filter(line -> line.startsWith("web:")).findFirst().orElseThrow();
      List<String> words = List.of(web.substring(4).trim().split("\\s+"));
      return words.subList(1, words.indexOf("-jar"));
    } catch (IOException e) {
      throw new IllegalStateException("run from the project folder: " + e.getMessage(), e);
    }
  }

  static Process launchBot(Path dir, int port, FakeSlack slack, FakeCircleCi circleci)
      throws IOException {
    return launchBot(dir, port, slack, circleci, java.util.Map.of(), true);
  }

  /**
   * @param environment settings over the test environment, e.g. another {@code DATABASE_URL}
   * @param classData false: without the Procfile's class-data archive
   */
  static Process launchBot(Path dir, int port, FakeSlack slack, FakeCircleCi circleci,
      java.util.Map<String, String> environment, boolean classData) throws IOException {
    List<String> options = new ArrayList<>(procfileOptions());
    if (!classData) {
      options.removeIf(BenchProcesses::isClassDataOption);
    }
    if (NATIVE_MEMORY) {
      options.add(0, "-XX:NativeMemoryTracking=summary");
    }
    if (System.getenv("BENCH_JFR") != null) { // a flight recording of the bot, e.g. /tmp/bot.jfr
      options.add(0, "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
          + System.getenv("BENCH_JFR"));
    }
    List<String> command = java(options);
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder builder = builder(command, dir);
    builder.environment().putAll(TestBot.baseEnvironment(dir, slack, circleci));
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static boolean isClassDataOption(String option) {
    return option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-Xlog:cds");
  }

  /** The baseline; the class-data archive is the bot jar's, so it is left out here. */
  static Process launchBare(Path dir, int port, FakeSlack slack) throws IOException {
    return launchBare(dir, port, slack, Duration.ZERO);
  }

  /** @param lookup how long its modal submission waits, as the bot's one CircleCI lookup does */
  static Process launchBare(Path dir, int port, FakeSlack slack, Duration lookup)
      throws IOException {
    List<String> options = new ArrayList<>(procfileOptions());
    options.removeIf(BenchProcesses::isClassDataOption);
    List<String> command = java(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BareBoltApp.class.getName());
    command.add(Integer.toString(port));
    command.add(slack.apiUrl());
    command.add(Long.toString(lookup.toMillis()));
    return builder(command, dir).start();
  }

  static long millisUntilHealthy(Process process, int port) {
    long start = System.nanoTime();
    Request health = new Request.Builder().url("http://127.0.0.1:" + port + "/health").build();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the process exited with " + process.exitValue());
      }
      try (Response response = HTTP.newCall(health).execute()) {
        if (response.code() == 200) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      LockSupport.parkNanos(5_000_000);
    }
    throw new IllegalStateException("no healthy answer within 30 s");
  }

  /** {@code BENCH_NATIVE_MEMORY=true}: track the bot's native memory and print its summary. */
  static final boolean NATIVE_MEMORY = "true".equals(System.getenv("BENCH_NATIVE_MEMORY"));

  static void printNativeMemory(Process process) throws IOException, InterruptedException {
    if (!NATIVE_MEMORY) {
      return;
    }
    Process jcmd = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), "VM.native_memory", "summary")
        .redirectErrorStream(true).start();
    String summary = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    summary.lines().filter(line -> line.contains("committed=") && line.startsWith("-")
        || line.startsWith("Total")).forEach(System.out::println);
  }

  static String threads(Process process) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("Threads:")) {
        return line.replaceAll("[^0-9]", "");
      }
    }
    return "unknown";
  }

  static String memory(Process process, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        return String.format("%.0f MB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
      }
    }
    return "unknown";
  }

  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> java(List<String> options) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    return command;
  }

  private static ProcessBuilder builder(List<String> command, Path dir) {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("process.log").toFile());
  }
}

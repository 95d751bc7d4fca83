package org.webops.dockerhubbot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The packaged bot ({@code target/dockerhub-user-bot.jar}, made by {@code mvn package}) running as
 * a JVM of its own, for tests that kill it. Tests that use it are named {@code *ProcessIT} and run
 * by failsafe after the package phase.
 *
 * <p>A handle is one process: {@link #restart()} returns a new handle (same folder, name,
 * environment and port) and leaves this one on the dead process. {@link #close()} stops the
 * process if it still runs.
 */
public final class BotProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target", "dockerhub-user-bot.jar");
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration EXIT = Duration.ofSeconds(20);
  private static final int LOG_TAIL = 40;
  private static final Pattern MARKER = Pattern.compile("=== \\S+ starting \\S+ on port \\d+ ===");
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(10)).build();

  private final Path dir;
  private final String name;
  private final Map<String, String> env;
  private final int port;
  private final Process process;

  private BotProcess(Path dir, String name, Map<String, String> env, int port, Process process) {
    this.dir = dir;
    this.name = name;
    this.env = env;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts the jar on a free port with {@code env} (its {@code PORT} replaced) added to this JVM's
   * environment, logging to {@code dir/<name>.log}, and waits until {@code /health} answers 200.
   */
  public static BotProcess start(Path dir, String name, Map<String, String> env) {
    return launch(dir, name, env, freePort());
  }

  /**
   * Starts a new process with the same folder, name, environment and port, appending to the same
   * log; this handle's process must have ended ({@link #kill9()} or {@link #stop()}) first.
   */
  public BotProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " (pid " + pid() + ") still runs: kill9() or stop() "
          + "it before restart()");
    }
    return launch(dir, name, env, port);
  }

  private static BotProcess launch(Path dir, String name, Map<String, String> given, int port) {
    Path project = Path.of(System.getProperty("user.dir"));
    if (!Files.isRegularFile(project.resolve(JAR))) {
      throw new IllegalStateException(project.resolve(JAR) + " is missing: run mvn package first");
    }
    Map<String, String> env = new HashMap<>(given);
    env.put("PORT", Integer.toString(port));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", JAR.toString()));
    Path log = dir.resolve(name + ".log");
    try {
      Files.writeString(log, "=== " + Instant.now() + " starting " + name + " on port " + port
          + " ===\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(project.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      BotProcess bot = new BotProcess(dir, name, Map.copyOf(env), port, builder.start());
      bot.awaitHealthy();
      return bot;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    Request health = new Request.Builder().url(baseUrl() + "/health").build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + " before /health answered; last lines of its log:\n" + logTail());
      }
      try (Response response = HTTP.newCall(health).execute()) {
        if (response.code() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the port is not open yet
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer 200 on /health within "
            + STARTUP.toSeconds() + " s; last lines of its log:\n" + logTail());
      }
      LockSupport.parkNanos(20_000_000); // poll interval, not a wait for a result
    }
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs. Returns once the process has exited. */
  public void kill9() {
    process.destroyForcibly();
    awaitExit("SIGKILL");
  }

  /** SIGTERM, as a platform stops an instance; SIGKILL if it has not exited within 20 s. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(EXIT)) {
      process.destroyForcibly();
      awaitExit("SIGKILL after SIGTERM");
    }
  }

  /** Stops the process if it still runs. */
  @Override
  public void close() {
    stop();
  }

  private void awaitExit(String what) {
    if (!waitFor(EXIT)) {
      throw new IllegalStateException(name + " (pid " + pid() + ") still runs "
          + EXIT.toSeconds() + " s after " + what);
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
    }
  }

  /** POSTs a form body to {@code /slack/events}, signed now, as {@link TestBot#send(String)}. */
  public Response send(String formBody) throws IOException {
    long now = Instant.now().getEpochSecond();
    return HTTP.newCall(new Request.Builder()
        .url(baseUrl() + "/slack/events")
        .header("X-Slack-Signature", SlackRequests.sign(TestBot.SIGNING_SECRET, now, formBody))
        .header("X-Slack-Request-Timestamp", Long.toString(now))
        .post(RequestBody.create(formBody, TestBot.FORM)).build()).execute();
  }

  public Response get(String path) throws IOException {
    return HTTP.newCall(new Request.Builder().url(baseUrl() + path).build()).execute();
  }

  /** POSTs an empty body to {@code path}, as a page's script does. */
  public Response post(String path) throws IOException {
    return HTTP.newCall(new Request.Builder().url(baseUrl() + path)
        .post(RequestBody.create(new byte[0])).build()).execute();
  }

  /** The whole log, of this and earlier processes of the same name in the same folder. */
  public String log() {
    Path log = dir.resolve(name + ".log");
    try {
      return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every line the processes wrote (standard output and error), without the line this class
   * writes before each start.
   */
  public List<String> output() {
    return log().lines().filter(line -> !MARKER.matcher(line).matches()).toList();
  }

  private String logTail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

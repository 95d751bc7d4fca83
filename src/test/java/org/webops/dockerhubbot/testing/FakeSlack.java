package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake Slack Web API on loopback: answers every method the bot calls, records each call, and
 * serves the {@code response_url}s it hands out under {@code /respond/}.
 *
 * <p>It also keeps what was posted: every successful {@code chat.postMessage} is stored as a
 * {@link Message} (and a successful {@code chat.update} changes its text and metadata), and
 * {@code conversations.history}, {@code conversations.replies} and {@code conversations.info}
 * answer from that store as Slack does. {@link #hold} stops one call mid-way, for crash tests.
 */
public final class FakeSlack implements AutoCloseable {
  public static final String BOT_USER = "UBOT0001";

  /** One recorded call: the method (or {@code respond/...}) and its parameters. */
  public record Call(String method, Map<String, String> params, String body, String authorization) {
    public String param(String name) {
      return params.get(name);
    }
  }

  /**
   * One stored message. {@code channel} is the resolved channel (a user id {@code U…} becomes
   * the DM {@code D…}); {@code threadTs} is null for a top-level message; {@code metadata} is the
   * JSON text of the {@code metadata} parameter ({@code {"event_type":…,"event_payload":{…}}}),
   * or null.
   */
  public record Message(String channel, String ts, String threadTs, String text, String metadata) {}

  /**
   * A one-shot hold on one call, from {@link #hold}. The held server thread waits until
   * {@link #release()}, {@link FakeSlack#close()} or {@link #MAX_HOLD}, whichever comes first.
   */
  public static final class Hold {
    private final String method;
    private final Predicate<Call> when;
    private final boolean recordFirst;
    private final Supplier<String> calledSoFar;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicReference<Call> call = new AtomicReference<>();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(String method, Predicate<Call> when, boolean recordFirst,
        Supplier<String> calledSoFar) {
      this.method = method;
      this.when = when;
      this.recordFirst = recordFirst;
      this.calledSoFar = calledSoFar;
    }

    /** Waits until the held call has arrived; throws {@link AssertionError} on timeout. */
    public void awaitReached(Duration timeout) {
      try {
        if (reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the hold on " + method, e);
      }
      throw new AssertionError("No " + method + " call matching the hold (recordFirst="
          + recordFirst + ") arrived within " + timeout.toMillis() + " ms; calls so far: "
          + calledSoFar.get());
    }

    /** Whether the held call has arrived (and is being held, or was). */
    public boolean reached() {
      return reached.getCount() == 0;
    }

    /** The held call, once {@link #reached()}; null before. */
    public Call call() {
      return call.get();
    }

    /** Lets the held call go on; harmless if it never came or was already released. */
    public void release() {
      released.countDown();
    }

    private boolean claim(Call candidate) {
      return candidate.method().equals(method) && !claimed.get() && when.test(candidate)
          && claimed.compareAndSet(false, true);
    }

    private void block(Call held) {
      call.set(held);
      reached.countDown();
      try {
        released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The longest a held call waits if nobody releases it. */
  public static final Duration MAX_HOLD = Duration.ofSeconds(120);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_LIMIT = 100;

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Call, String>> answers = new ConcurrentHashMap<>();
  private final AtomicInteger ts = new AtomicInteger(1000);
  private volatile Set<String> groupMembers = Set.of();
  private volatile Set<String> channelMembers = Set.of();
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final Object messagesLock = new Object();
  private final Map<String, Boolean> privateChannels = new ConcurrentHashMap<>();
  private final List<Hold> holds = new CopyOnWriteArrayList<>();

  public FakeSlack() throws IOException {
    FakeServers.start(server, this::answer);
  }

  /** The {@code SLACK_API_URL} to configure. */
  public String apiUrl() {
    return server.url("/api/").toString();
  }

  /** Slack's SDK pointed at this fake, for tests of single classes. */
  public com.slack.api.Slack sdk() {
    com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl());
    config.setStatsEnabled(false);
    return com.slack.api.Slack.getInstance(config);
  }

  public String responseUrl(String name) {
    return server.url("/respond/" + name).toString();
  }

  public void approverGroup(Set<String> members) {
    this.groupMembers = Set.copyOf(members);
  }

  public void channelMembers(Set<String> members) {
    this.channelMembers = Set.copyOf(members);
  }

  /** Replaces the answer of one method, e.g. to make it fail. */
  public void answer(String method, Function<Call, String> answer) {
    answers.put(method, answer);
  }

  /**
   * Slack refuses the bot token from now on: {@code auth.test} answers {@code ok: false} with
   * {@code error} ({@code invalid_auth}, {@code token_revoked}…). Other methods answer as before.
   */
  public void refuseToken(String error) {
    answer("auth.test", call -> "{\"ok\":false,\"error\":\"" + error + "\"}");
  }

  /** {@code auth.test} accepts the token again. */
  public void acceptToken() {
    answers.remove("auth.test");
  }

  /** Sets what {@code conversations.info} says of a channel; every channel is private unless set. */
  public void channelPrivate(String channel, boolean isPrivate) {
    privateChannels.put(channel, isPrivate);
  }

  /** Every message posted successfully, in posting order (as updated by {@code chat.update}). */
  public List<Message> messages() {
    return List.copyOf(messages);
  }

  /** The messages of one (resolved) channel, in posting order. */
  public List<Message> messages(String channel) {
    return messages.stream()
        .filter(message -> java.util.Objects.equals(message.channel(), channel)).toList();
  }

  /**
   * Holds the first call of {@code method} matching {@code when}, once. With {@code recordFirst}
   * the call is recorded (and a posted message stored) as usual and only its answer is held: Slack
   * has acted on it but the bot does not know. Without, it is held before anything is recorded or
   * stored: Slack has not seen it yet; after {@link Hold#release()} it goes on as a normal call.
   * Other calls, of the same method too, are not held.
   */
  public Hold hold(String method, Predicate<Call> when, boolean recordFirst) {
    Hold hold = new Hold(method, when, recordFirst, () -> methods().toString());
    holds.add(hold);
    return hold;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(call -> call.method().equals(method)).toList();
  }

  /** Calls other than the bookkeeping ones Bolt makes by itself. */
  public List<Call> callsExceptAuth() {
    return calls.stream().filter(call -> !call.method().equals("auth.test")).toList();
  }

  /** Waits until {@code method} has been called at least {@code count} times. */
  public List<Call> await(String method, int count) {
    Await.until(() -> calls(method).size() >= count, Duration.ofSeconds(10),
        () -> method + " called " + count + " times; calls so far: " + methods());
    return calls(method);
  }

  /** Top-level messages posted to a channel (such as the request cards), oldest first. */
  public List<Call> posts(String channel) {
    return calls("chat.postMessage").stream()
        .filter(call -> channel.equals(call.param("channel")) && call.param("thread_ts") == null)
        .toList();
  }

  /** Direct messages from the app to a user (posted to the user's id), oldest first. */
  public List<Call> directMessages(String user) {
    return calls("chat.postMessage").stream().filter(call -> user.equals(call.param("channel")))
        .toList();
  }

  /** Waits for a direct message to {@code user} containing {@code text}, and returns it. */
  public Call awaitDirect(String user, String text) {
    return Await.first(() -> directMessages(user).stream()
            .filter(call -> call.param("text").contains(text)).findFirst(),
        "a direct message to " + user + " with \"" + text + "\"");
  }

  public List<String> methods() {
    return calls.stream().map(Call::method).toList();
  }

  public int requestCount() {
    return server.getRequestCount();
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    String method = path.startsWith("/api/") ? path.substring(5) : path.substring(1);
    Call call = new Call(method, params(request, body), body,
        request.getHeaders().get("Authorization"));
    Hold hold = holds.stream().filter(candidate -> candidate.claim(call)).findFirst().orElse(null);
    if (hold != null && !hold.recordFirst) {
      hold.block(call);
    }
    calls.add(call);
    String json = answers.getOrDefault(method, this::defaultAnswer).apply(call);
    keep(call, json);
    if (hold != null && hold.recordFirst) {
      hold.block(call);
    }
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body(json)
        .build();
  }

  private String defaultAnswer(Call call) {
    return switch (call.method()) {
      case "auth.test" -> "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"Example\","
          + "\"user\":\"dockerhub-user-bot\",\"team_id\":\"T0001\",\"user_id\":\"" + BOT_USER
          + "\",\"bot_id\":\"B0001\"}";
      case "views.open", "views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V" + ts.incrementAndGet() + "\"}}";
      case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + channelOf(call)
          + "\",\"ts\":\"" + nextTs() + "\"}";
      case "chat.update" -> "{\"ok\":true,\"channel\":\"" + call.param("channel") + "\",\"ts\":\""
          + call.param("ts") + "\"}";
      // Slack documents no unfurl_* arguments for chat.postEphemeral (only chat.postMessage).
      case "chat.postEphemeral" -> call.params().containsKey("unfurl_links")
          || call.params().containsKey("unfurl_media")
          ? "{\"ok\":false,\"error\":\"invalid_arguments\"}"
          : "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}";
      case "usergroups.users.list" -> "{\"ok\":true,\"users\":" + array(groupMembers) + "}";
      case "conversations.members" -> "{\"ok\":true,\"members\":" + array(channelMembers)
          + ",\"response_metadata\":{\"next_cursor\":\"\"}}";
      case "conversations.history" -> history(call);
      case "conversations.replies" -> replies(call);
      case "conversations.info" -> info(call);
      default -> call.method().startsWith("respond/")
          ? "{\"ok\":true}"
          : "{\"ok\":false,\"error\":\"unknown_method\"}";
    };
  }

  /** Stores what a successful chat.postMessage posted, and applies a successful chat.update. */
  private void keep(Call call, String answer) {
    if (!call.method().equals("chat.postMessage") && !call.method().equals("chat.update")) {
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(answer);
    } catch (IOException e) {
      return;
    }
    if (node == null || !node.path("ok").asBoolean(false) || !node.path("ts").isTextual()) {
      return;
    }
    String ts = node.path("ts").asText();
    String channel = channelOf(call);
    synchronized (messagesLock) {
      if (call.method().equals("chat.postMessage")) {
        messages.add(new Message(channel, ts, blankToNull(call.param("thread_ts")),
            call.param("text"), blankToNull(call.param("metadata"))));
        return;
      }
      for (int i = 0; i < messages.size(); i++) {
        Message old = messages.get(i);
        if (java.util.Objects.equals(old.channel(), channel) && old.ts().equals(ts)) {
          String text = call.params().containsKey("text") ? call.param("text") : old.text();
          String metadata = call.params().containsKey("metadata")
              ? blankToNull(call.param("metadata")) : old.metadata();
          messages.set(i, new Message(channel, ts, old.threadTs(), text, metadata));
          return;
        }
      }
    }
  }

  private String history(Call call) {
    String channel = call.param("channel");
    List<Message> top = messages(channel).stream()
        .filter(message -> message.threadTs() == null)
        .filter(within(call))
        .sorted(Comparator.comparing((Message message) -> new BigDecimal(message.ts())).reversed())
        .toList();
    String cursor = call.param("cursor");
    if (cursor != null && !cursor.isEmpty()) {
      BigDecimal from = cursorTs(cursor);
      if (from == null) {
        return "{\"ok\":false,\"error\":\"invalid_cursor\"}";
      }
      top = top.stream().filter(message -> new BigDecimal(message.ts()).compareTo(from) <= 0)
          .toList();
    }
    return page(call, channel, top);
  }

  private String replies(Call call) {
    String channel = call.param("channel");
    String ts = call.param("ts");
    List<Message> inChannel = messages(channel);
    Message parent = inChannel.stream().filter(message -> message.ts().equals(ts)).findFirst()
        .orElse(null);
    if (parent == null) {
      return "{\"ok\":false,\"error\":\"thread_not_found\"}";
    }
    List<Message> thread = new ArrayList<>();
    String cursor = call.param("cursor");
    BigDecimal from = null;
    if (cursor != null && !cursor.isEmpty()) {
      from = cursorTs(cursor);
      if (from == null) {
        return "{\"ok\":false,\"error\":\"invalid_cursor\"}";
      }
    } else {
      thread.add(parent);
    }
    BigDecimal start = from;
    inChannel.stream()
        .filter(message -> ts.equals(message.threadTs()))
        .filter(within(call))
        .filter(message -> start == null || new BigDecimal(message.ts()).compareTo(start) >= 0)
        .sorted(Comparator.comparing((Message message) -> new BigDecimal(message.ts())))
        .forEach(thread::add);
    return page(call, channel, thread);
  }

  private String page(Call call, String channel, List<Message> all) {
    int limit = DEFAULT_LIMIT;
    String limitParam = call.param("limit");
    if (limitParam != null && !limitParam.isEmpty()) {
      limit = Math.max(1, Integer.parseInt(limitParam));
    }
    boolean withMetadata = flag(call.param("include_all_metadata"));
    List<Message> inChannel = messages(channel);
    ObjectNode answer = JSON.createObjectNode().put("ok", true);
    ArrayNode array = answer.putArray("messages");
    all.stream().limit(limit).forEach(message ->
        array.add(messageJson(message, inChannel, withMetadata)));
    boolean hasMore = all.size() > limit;
    answer.put("has_more", hasMore);
    answer.putObject("response_metadata")
        .put("next_cursor", hasMore ? cursorOf(all.get(limit).ts()) : "");
    return answer.toString();
  }

  private static ObjectNode messageJson(Message message, List<Message> inChannel,
      boolean withMetadata) {
    ObjectNode node = JSON.createObjectNode()
        .put("type", "message")
        .put("user", BOT_USER)
        .put("bot_id", "B0001")
        .put("text", message.text() == null ? "" : message.text())
        .put("ts", message.ts());
    if (message.threadTs() != null) {
      node.put("thread_ts", message.threadTs()).put("parent_user_id", BOT_USER);
    } else {
      long replies = inChannel.stream().filter(m -> message.ts().equals(m.threadTs())).count();
      if (replies > 0) {
        node.put("thread_ts", message.ts()).put("reply_count", replies);
      }
    }
    if (withMetadata && message.metadata() != null) {
      try {
        node.set("metadata", JSON.readTree(message.metadata()));
      } catch (IOException e) {
        // stored as sent; Slack would have refused it, so there is nothing to return
      }
    }
    return node;
  }

  /** Slack's default bounds: oldest and latest exclusive, inclusive with {@code inclusive}. */
  private static Predicate<Message> within(Call call) {
    boolean inclusive = flag(call.param("inclusive"));
    BigDecimal oldest = decimal(call.param("oldest"));
    BigDecimal latest = decimal(call.param("latest"));
    return message -> {
      BigDecimal ts = new BigDecimal(message.ts());
      if (oldest != null) {
        int c = ts.compareTo(oldest);
        if (c < 0 || c == 0 && !inclusive) {
          return false;
        }
      }
      if (latest != null) {
        int c = ts.compareTo(latest);
        return c < 0 || c == 0 && inclusive;
      }
      return true;
    };
  }

  private String info(Call call) {
    String channel = call.param("channel");
    ObjectNode answer = JSON.createObjectNode().put("ok", true);
    answer.putObject("channel")
        .put("id", channel)
        .put("name", "webops")
        .put("is_channel", true)
        .put("is_private", privateChannels.getOrDefault(channel, true))
        .put("is_archived", false);
    return answer.toString();
  }

  private static String cursorOf(String ts) {
    return Base64.getEncoder().encodeToString(("next_ts:" + ts).getBytes(StandardCharsets.UTF_8));
  }

  private static BigDecimal cursorTs(String cursor) {
    try {
      String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      return text.startsWith("next_ts:") ? new BigDecimal(text.substring(8)) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static BigDecimal decimal(String value) {
    return value == null || value.isEmpty() ? null : new BigDecimal(value);
  }

  private static boolean flag(String value) {
    return "true".equals(value) || "1".equals(value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String channelOf(Call call) {
    String channel = call.param("channel");
    // Posting to a user id opens the app's DM with them; Slack answers with a D... id.
    return channel != null && channel.startsWith("U") ? "D" + channel.substring(1) : channel;
  }

  /** As Slack's: the posting time in seconds, then a part that makes each one unique. */
  private String nextTs() {
    return java.time.Instant.now().getEpochSecond() + "."
        + String.format("%06d", ts.incrementAndGet() % 1_000_000);
  }

  private static String array(Set<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> params(RecordedRequest request, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    String contentType = request.getHeaders().get("Content-Type");
    if (contentType != null && contentType.startsWith("application/json")) {
      try {
        JsonNode node = JSON.readTree(body);
        node.fields().forEachRemaining(field -> params.put(field.getKey(),
            field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
      } catch (IOException e) {
        params.put("_unparsed", body);
      }
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public List<String> allBodies() {
    List<String> bodies = new ArrayList<>();
    calls.forEach(call -> bodies.add(call.body()));
    return bodies;
  }

  /** Releases every hold, so that no server thread stays blocked, and stops the server. */
  @Override
  public void close() {
    holds.forEach(Hold::release);
    server.close();
  }
}

package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake Slack Web API on loopback: answers every method the bot calls, records each call, and
 * serves the {@code response_url}s it hands out under {@code /respond/}.
 */
public final class FakeSlack implements AutoCloseable {
  public static final String BOT_USER = "UBOT0001";

  /** One recorded call: the method (or {@code respond/...}) and its parameters. */
  public record Call(String method, Map<String, String> params, String body, String authorization) {
    public String param(String name) {
      return params.get(name);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Call, String>> answers = new ConcurrentHashMap<>();
  private final AtomicInteger ts = new AtomicInteger(1000);
  private volatile Set<String> groupMembers = Set.of();
  private volatile Set<String> channelMembers = Set.of();

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
    calls.add(call);
    String json = answers.getOrDefault(method, this::defaultAnswer).apply(call);
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
      case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}";
      case "usergroups.users.list" -> "{\"ok\":true,\"users\":" + array(groupMembers) + "}";
      case "conversations.members" -> "{\"ok\":true,\"members\":" + array(channelMembers)
          + ",\"response_metadata\":{\"next_cursor\":\"\"}}";
      default -> call.method().startsWith("respond/")
          ? "{\"ok\":true}"
          : "{\"ok\":false,\"error\":\"unknown_method\"}";
    };
  }

  private static String channelOf(Call call) {
    String channel = call.param("channel");
    // Posting to a user id opens the app's DM with them; Slack answers with a D... id.
    return channel != null && channel.startsWith("U") ? "D" + channel.substring(1) : channel;
  }

  private String nextTs() {
    return "1700000000." + String.format("%06d", ts.incrementAndGet());
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

  @Override
  public void close() {
    server.close();
  }
}

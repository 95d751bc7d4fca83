package org.webops.dockerhubbot.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake CircleCI API v2 on loopback for the end-to-end tests: every project exists unless named
 * missing; records each request. (The client's own tests check its requests against the spec.)
 */
public final class FakeCircleCi implements AutoCloseable {
  private static final String PROJECT = "/api/v2/project/";

  private final MockWebServer server = new MockWebServer();
  private final Set<String> missing = ConcurrentHashMap.newKeySet();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile int failWith;
  private volatile java.time.Duration delay = java.time.Duration.ZERO;

  public FakeCircleCi() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        return answer(request);
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** The {@code CIRCLECI_API_URL} to configure. */
  public String apiUrl() {
    return server.url("/api/v2").toString();
  }

  public void missing(String slug) {
    missing.add(slug);
  }

  /** Every answer from now on is this status (0: answer normally). */
  public void failWith(int status) {
    this.failWith = status;
  }

  /** Every answer from now on comes this late. */
  public void delay(java.time.Duration delay) {
    this.delay = delay;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  private MockResponse answer(RecordedRequest request) {
    MockResponse answer = answerNow(request);
    return delay.isZero() ? answer : answer.newBuilder()
        .headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build();
  }

  private MockResponse answerNow(RecordedRequest request) {
    if (failWith != 0) {
      return json(failWith, "{\"message\":\"unavailable\"}");
    }
    String path = request.getUrl().encodedPath();
    if (!"GET".equals(request.getMethod()) || !path.startsWith(PROJECT)) {
      return json(404, "{\"message\":\"Not found\"}");
    }
    String slug = URLDecoder.decode(path.substring(PROJECT.length()), StandardCharsets.UTF_8);
    if (missing.contains(slug)) {
      return json(404, "{\"message\":\"Project not found\"}");
    }
    String[] parts = slug.split("/");
    return json(200, "{\"slug\":\"" + slug + "\",\"name\":\"" + parts[parts.length - 1]
        + "\",\"id\":\"a5e9e2e4-1b9a-4a43-9e35-2f3b8a9d1c11\",\"organization_name\":\"" + parts[1]
        + "\",\"organization_slug\":\"" + parts[0] + "/" + parts[1]
        + "\",\"organization_id\":\"0f4c7a43-2c2a-4b41-9d43-6a8a6c1e0d22\",\"vcs_info\":"
        + "{\"vcs_url\":\"https://github.com/" + parts[1] + "/" + parts[parts.length - 1]
        + "\",\"provider\":\"GitHub\",\"default_branch\":\"main\"}}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}

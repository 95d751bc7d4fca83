package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.webops.dockerhubbot.http.ApiResponse;
import org.webops.dockerhubbot.http.ApiTransport;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.http.Endpoint;
import org.webops.dockerhubbot.http.Fence;
import org.webops.dockerhubbot.http.HostScopedHeaderInterceptor;
import org.webops.dockerhubbot.http.Json;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.http.Urls;

/**
 * What the CircleCI area clients share: the transport with the token, URLs, the {@code Accept}
 * header, paging and dry-run. The behaviour is described on {@link CircleCiClient}.
 */
final class CircleCiCalls {

  static final String API = "CircleCI";
  static final int MAX_PAGES = 500;

  private final HttpUrl baseUrl;
  private final boolean dryRun;
  private final ApiTransport transport;

  CircleCiCalls(HttpUrl baseUrl, OkHttpClient http, CircleCiToken token, boolean dryRun,
      RetryPolicy retryPolicy, Sleeper sleeper, Clock clock, CallMeter meter) {
    this(baseUrl, dryRun, new ApiTransport(API, http.newBuilder()
        .addNetworkInterceptor(
            new HostScopedHeaderInterceptor(baseUrl, "Circle-Token", r -> token.value()))
        .build(), retryPolicy, sleeper, clock, List.of(token.value()), meter));
  }

  private CircleCiCalls(HttpUrl baseUrl, boolean dryRun, ApiTransport transport) {
    this.baseUrl = Objects.requireNonNull(baseUrl);
    this.dryRun = dryRun;
    this.transport = transport;
  }

  CircleCiCalls fenced(Fence fence) {
    return new CircleCiCalls(baseUrl, dryRun, transport.fenced(fence));
  }

  boolean dryRun() {
    return dryRun;
  }

  ApiTransport transport() {
    return transport;
  }

  /** The URL of a path template with its {@code {parameters}} filled in order, each escaped. */
  HttpUrl url(String template, String... parameters) {
    return Urls.expand(baseUrl, template, parameters);
  }

  /**
   * A request to the path template that asks for JSON, tagged with the template ({@link
   * Endpoint}); its method is still to be set.
   */
  Request.Builder request(String template, String... parameters) {
    return new Request.Builder().url(url(template, parameters))
        .header("Accept", "application/json")
        .tag(Endpoint.class, new Endpoint(template));
  }

  /** Sends a read and returns its answer as the type. */
  <T> T read(Request.Builder read, Class<T> type) {
    Request request = read.get().build();
    return transport.read(request, transport.execute(request), type);
  }

  /**
   * Sends a write call, or in dry-run describes it instead: then the answer is empty.
   *
   * @param alsoMask secrets the call sends (a variable's value), masked in any message
   */
  Optional<ApiResponse> write(Request request, String description, String... alsoMask) {
    if (dryRun) {
      transport.describe(request, description);
      return Optional.empty();
    }
    return Optional.of(transport.execute(request, alsoMask));
  }

  /**
   * Every page of a list, following {@code next_page_token} with {@code page-token}.
   *
   * @param list a request for the first page (from {@link #request}, maybe with a query)
   */
  <T> List<T> pages(Request.Builder list, Class<T> type) {
    HttpUrl firstPage = list.get().build().url();
    List<T> all = new ArrayList<>();
    JavaType itemType = Json.MAPPER.constructType(type);
    String pageToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpUrl url = pageToken == null
          ? firstPage
          : firstPage.newBuilder().addQueryParameter("page-token", pageToken).build();
      Request request = list.url(url).get().build();
      ApiResponse response = transport.execute(request);
      JsonNode tree = transport.tree(request, response);
      for (JsonNode item : tree.path("items")) {
        all.add(transport.convert(request, response, item, itemType));
      }
      JsonNode next = tree.path("next_page_token");
      if (!next.isTextual() || next.asText().isEmpty()) {
        return all;
      }
      pageToken = next.asText();
    }
    return all;
  }
}

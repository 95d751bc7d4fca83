package org.webops.dockerhubbot.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hosts Bolt in Javalin, as the SDK's servlet adapter does: the raw body goes to Bolt unchanged
 * (the signature covers those exact bytes), Bolt verifies signature and timestamp, runs the
 * listener and returns the HTTP answer.
 */
public final class BoltHandler implements Handler {
  private final App app;
  private final SlackRequestParser parser;

  public BoltHandler(App app) {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
  }

  @Override
  public void handle(Context ctx) throws Exception {
    SlackRequestParser.HttpRequest http = SlackRequestParser.HttpRequest.builder()
        .requestUri(ctx.path())
        .queryString(ctx.queryParamMap())
        .headers(new RequestHeaders(headers(ctx.req())))
        .requestBody(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8))
        .remoteAddress(ctx.ip())
        .build();
    Request<?> request = parser.parse(http);
    if (request == null) {
      ctx.status(400).result("Not a Slack request");
      return;
    }
    Response response = app.run(request);
    ctx.status(response.getStatusCode());
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, values) -> values.forEach(v -> ctx.header(name, v)));
    }
    if (response.getContentType() != null) {
      ctx.contentType(response.getContentType());
    }
    ctx.result(response.getBody() == null ? "" : response.getBody());
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(), Collections.list(request.getHeaders(name)));
    }
    return headers;
  }
}

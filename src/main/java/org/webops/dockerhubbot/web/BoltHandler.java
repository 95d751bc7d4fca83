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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts Bolt in Javalin, as the SDK's servlet adapter does: the raw body goes to Bolt unchanged
 * (the signature covers those exact bytes), Bolt runs the listener and returns the HTTP answer.
 * The signature and timestamp are checked here first, on the raw bytes, so that nothing reads or
 * logs the body of a request Slack did not sign; Bolt checks them again.
 */
public final class BoltHandler implements Handler {
  private static final Logger log = LoggerFactory.getLogger(BoltHandler.class);

  private final App app;
  private final SlackRequestParser parser;
  private final RequestSignature signature;

  public BoltHandler(App app, RequestSignature signature) {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
    this.signature = signature;
  }

  @Override
  public void handle(Context ctx) throws Exception {
    byte[] body = ctx.bodyAsBytes();
    if (!signature.isValid(ctx.header("X-Slack-Request-Timestamp"),
        ctx.header("X-Slack-Signature"), body)) {
      log.warn("Refused a request to {} without a valid Slack signature ({} bytes, from {})",
          ctx.path(), body.length, ctx.ip());
      ctx.status(401).result("Invalid or missing Slack signature");
      return;
    }
    SlackRequestParser.HttpRequest http = SlackRequestParser.HttpRequest.builder()
        .requestUri(ctx.path())
        .queryString(ctx.queryParamMap())
        .headers(new RequestHeaders(headers(ctx.req())))
        .requestBody(new String(body, StandardCharsets.UTF_8))
        .remoteAddress(ctx.ip())
        .build();
    Request<?> request;
    try {
      request = parser.parse(http);
    } catch (RuntimeException e) {
      // A parser's message may quote the body: only its kind is logged.
      log.warn("Could not read a signed request to {} ({} bytes): {}", ctx.path(), body.length,
          e.getClass().getSimpleName());
      ctx.status(400).result("Not a Slack request");
      return;
    }
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

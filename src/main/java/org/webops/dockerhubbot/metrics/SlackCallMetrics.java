package org.webops.dockerhubbot.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.slack.api.util.http.listener.HttpResponseListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import okhttp3.Response;

/**
 * Every Slack Web API call the SDK makes (the messenger's, the approver lookups, Bolt's own
 * {@code auth.test}), by method and result: told by the SDK after each answer is read.
 */
final class SlackCallMetrics extends HttpResponseListener {
  static final String CALLS = "dhbot.slack.calls";
  /** What a call that is not a Web API method is (a {@code response_url} POST). */
  static final String RESPONSE_URL = "response_url";
  private static final Pattern METHOD = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z0-9]+)+");
  private static final Pattern ERROR = Pattern.compile("[a-z0-9_]{1,64}");
  private static final JsonFactory JSON = new JsonFactory();

  private final MeterRegistry registry;
  private final String methodsPrefix;

  /** @param methodsPrefix {@code SLACK_API_URL}, for example {@code https://slack.com/api/} */
  SlackCallMetrics(MeterRegistry registry, String methodsPrefix) {
    this.registry = registry;
    this.methodsPrefix = methodsPrefix;
  }

  @Override
  public void accept(State state) {
    Response response = state.getResponse();
    Duration took = Duration.ofMillis(Math.max(0,
        response.receivedResponseAtMillis() - response.sentRequestAtMillis()));
    Timer.builder(CALLS).description("Slack calls by Web API method, HTTP status and result")
        .tag("method", method(response.request().url().toString(), methodsPrefix))
        .tag("status", Integer.toString(response.code()))
        .tag("result", result(response.code(), state.getParsedResponseBody()))
        .register(registry).record(took);
  }

  /** The Web API method ({@code chat.postMessage}) the URL calls, else {@code response_url}. */
  static String method(String url, String methodsPrefix) {
    if (url.startsWith(methodsPrefix)) {
      String rest = url.substring(methodsPrefix.length());
      int end = rest.indexOf('?');
      String method = end < 0 ? rest : rest.substring(0, end);
      if (METHOD.matcher(method).matches()) {
        return method;
      }
    }
    return RESPONSE_URL;
  }

  /**
   * {@code ok}, Slack's error code ({@code channel_not_found}, {@code ratelimited}) when the
   * answer says {@code "ok": false}, or {@code error} for a failed answer without one.
   */
  static String result(int status, String body) {
    String fallback = status >= 200 && status < 300 ? "ok" : "error";
    if (body == null || body.isEmpty() || body.charAt(0) != '{') {
      return fallback;
    }
    Boolean ok = null;
    String error = null;
    try (JsonParser parser = JSON.createParser(body)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("ok".equals(field) && value.isBoolean()) {
          ok = value == JsonToken.VALUE_TRUE;
        } else if ("error".equals(field) && value == JsonToken.VALUE_STRING) {
          error = parser.getText();
        } else {
          parser.skipChildren();
        }
        if (ok != null && (ok || error != null)) {
          break;
        }
      }
    } catch (IOException e) {
      return fallback;
    }
    if (ok == null) {
      return fallback;
    }
    if (ok) {
      return "ok";
    }
    return error != null && ERROR.matcher(error).matches() ? error : "error";
  }
}

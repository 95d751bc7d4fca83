package org.webops.dockerhubbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a Slack call is named and judged: by Web API method and Slack's own result. */
class SlackCallMetricsTest {
  private static final String PREFIX = "https://slack.com/api/";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "https://slack.com/api/chat.postMessage, chat.postMessage",
      "https://slack.com/api/conversations.replies?channel=C0123&ts=1.2, conversations.replies",
      "https://slack.com/api/auth.test, auth.test",
      "https://slack.com/api/oauth.v2.access, oauth.v2.access",
      "https://hooks.slack.com/actions/T0/1234/abcdEFGH, response_url",
      "https://slack.com/api/../U0REQUESTER, response_url",
      "https://slack.com/api/, response_url"})
  void method_url_namesTheWebApiMethodOrResponseUrl(String url, String method) {
    assertThat(SlackCallMetrics.method(url, PREFIX)).isEqualTo(method);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "200 | {\"ok\":true,\"channel\":\"C0\"} | ok",
      "200 | {\"channel\":{\"id\":\"C0\"},\"ok\":true} | ok",
      "200 | {\"ok\":false,\"error\":\"channel_not_found\"} | channel_not_found",
      "200 | {\"error\":\"ratelimited\",\"ok\":false} | ratelimited",
      "200 | {\"ok\":false,\"error\":\"Bad: U0REQUESTER said so\"} | error",
      "200 | {\"ok\":false} | error",
      "200 | ok | ok",
      "429 | '' | error",
      "500 | {not json | error"})
  void result_answer_okOrSlacksErrorCodeOnly(int status, String body, String result) {
    assertThat(SlackCallMetrics.result(status, body)).isEqualTo(result);
  }
}

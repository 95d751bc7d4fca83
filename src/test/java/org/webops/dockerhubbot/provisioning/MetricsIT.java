package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.testing.Await;
import org.webops.dockerhubbot.testing.PrometheusText;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * {@code GET /metrics} of the running bot after an organisation token's whole run: the bot's own
 * series with their labels, the standard JVM, Jetty and HikariCP ones, and no label that carries
 * a person, a pipeline, a token or its label.
 */
class MetricsIT {
  private static final String METRICS_TOKEN = "metrics-token-4f1c2a9e7d";
  @RegisterExtension final RunningBot running =
      new RunningBot(Map.of("METRICS_TOKEN", METRICS_TOKEN));
  private final OkHttpClient http = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void scrape_afterAnOrgTokenRun_countsItAndNoLabelCarriesASecretOrAPerson() throws Exception {
    // given: an organisation token provisioned, its link opened
    Flow flow = new Flow(running);
    flow.submitAndApprove(Flow.orgToken());
    flow.awaitState(RequestState.DONE);
    String token = flow.bot().dockerhub().orgTokens().get(0).token();
    String tokenLabel = flow.bot().dockerhub().orgTokens().get(0).label();
    flow.openLink("Credentials for");

    // when
    PrometheusText scrape = Await.first(() -> java.util.Optional.of(scrape())
        .filter(s -> s.value("dhbot_operations_finished_total", Map.of("kind", "provision"))
            .orElse(0.0) == 1.0), "the finished run counted");

    // then: the run, by kind and step
    assertThat(scrape.value("dhbot_operations_started_total", Map.of("kind", "provision")))
        .contains(1.0);
    assertThat(scrape.value("dhbot_operations_started_total", Map.of("kind", "revoke")))
        .contains(0.0);
    assertThat(scrape.named("dhbot_operations_failed_total")).isEmpty();
    for (String step : List.of("create_org_token", "write_circleci", "deliver")) {
      assertThat(scrape.value("dhbot_step_duration_seconds_count",
          Map.of("kind", "provision", "step", step, "outcome", "done"))).as(step).contains(1.0);
    }
    // the API calls, by endpoint template and status
    assertThat(scrape.value("dhbot_api_calls_seconds_count", Map.of("api", "dockerhub",
        "method", "POST", "endpoint", "/v2/orgs/{name}/access-tokens", "status", "201")))
        .contains(1.0);
    assertThat(scrape.value("dhbot_api_calls_seconds_count", Map.of("api", "dockerhub",
        "method", "POST", "endpoint", "/v2/users/login", "status", "200"))).contains(1.0);
    assertThat(scrape.value("dhbot_api_calls_seconds_count", Map.of("api", "circleci",
        "method", "POST", "endpoint", "/project/{project-slug}/envvar", "status", "201")))
        .contains(2.0);
    assertThat(scrape.value("dhbot_api_calls_seconds_count", Map.of("api", "circleci",
        "method", "GET", "endpoint", "/project/{project-slug}"))).hasValueSatisfying(
        calls -> assertThat(calls).isGreaterThanOrEqualTo(1.0));
    assertThat(scrape.named("dhbot_api_calls_seconds_count")).extracting(
        s -> s.labels().get("endpoint")).allMatch(e -> e.matches("/[a-z0-9/{}_-]+"));
    // Slack calls by method and result, Bolt's own included
    assertThat(scrape.value("dhbot_slack_calls_seconds_count",
        Map.of("method", "chat.postMessage", "result", "ok"))).hasValueSatisfying(
        calls -> assertThat(calls).isGreaterThanOrEqualTo(1.0));
    assertThat(scrape.value("dhbot_slack_calls_seconds_count", Map.of("method", "auth.test")))
        .isPresent();
    // the one-time link, requests by state, credentials about to expire
    assertThat(scrape.value("dhbot_secret_links_total", Map.of("event", "created")))
        .contains(1.0);
    assertThat(scrape.value("dhbot_secret_links_total", Map.of("event", "claimed")))
        .contains(1.0);
    assertThat(scrape.value("dhbot_secret_links_total", Map.of("event", "expired")))
        .contains(0.0);
    assertThat(scrape.value("dhbot_requests", Map.of("state", "done"))).contains(1.0);
    assertThat(scrape.value("dhbot_requests", Map.of("state", "pending_approval")))
        .contains(0.0);
    assertThat(scrape.value("dhbot_credentials_expiring", Map.of("within", "14d")))
        .contains(0.0);
    assertThat(scrape.named("dhbot_api_retries_total")).isEmpty();
    // the bot's own server, by route
    assertThat(scrape.value("dhbot_http_server_requests_seconds_count",
        Map.of("method", "POST", "route", "/slack/events", "status", "200")))
        .hasValueSatisfying(requests -> assertThat(requests).isGreaterThanOrEqualTo(2.0));
    // the standard ones: JVM, Jetty, HikariCP
    assertThat(scrape.samples()).extracting(PrometheusText.Sample::name).contains(
        "jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
        "jvm_classes_loaded_classes", "process_uptime_seconds", "system_cpu_count",
        "jetty_threads_busy", "jetty_threads_config_max",
        "jetty_connections_current_connections", "hikaricp_connections_active",
        "hikaricp_connections_max");
    // and no label with a person, the pipeline, the organisation, a token or a password
    assertThat(scrape.labelValues()).allSatisfy(value -> assertThat(value).doesNotContain(
        Flow.REQUESTER, Flow.APPROVER, Flow.PIPELINE, "opg-refunds", tokenLabel, "circleci-",
        token, TestBot.ADMIN_PASSWORD, TestBot.ADMIN_USER, TestBot.BOT_TOKEN, TestBot.ORG,
        "circle-test-token", METRICS_TOKEN, "r" + flow.id() + "-"));
  }

  @Test
  void scrape_wrongOrMissingBearer_401WithTheReasonAndNoMetrics() throws IOException {
    try (Response none = get(null); Response wrong = get("Bearer not-the-metrics-token");
        Response basic = get("Basic " + METRICS_TOKEN)) {
      assertThat(none.code()).isEqualTo(401);
      assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(none.body().string()).isEqualTo("Send Authorization: Bearer <METRICS_TOKEN>");
      assertThat(wrong.code()).isEqualTo(401);
      assertThat(wrong.body().string()).isEqualTo("Wrong metrics token");
      assertThat(basic.code()).isEqualTo(401);
      assertThat(basic.body().string()).doesNotContain("jvm_");
    }
  }

  @Test
  void scrape_afterRequestsToPathsWithIds_eachCountedByItsRouteTemplateOnly() throws IOException {
    // given
    String linkId = "AbCdEfGhIjKlMnOpQrStUv";
    try (Response page = get("/s/" + linkId, null);
        Response nowhere = get("/no/such/" + Flow.REQUESTER, null)) {
      assertThat(page.code()).isEqualTo(404);
      assertThat(nowhere.code()).isEqualTo(404);
    }

    // when
    PrometheusText scrape = scrape();

    // then
    assertThat(scrape.value("dhbot_http_server_requests_seconds_count",
        Map.of("method", "GET", "route", "/s/{id}", "status", "404"))).contains(1.0);
    assertThat(scrape.value("dhbot_http_server_requests_seconds_count",
        Map.of("method", "GET", "route", "unmatched", "status", "404"))).contains(1.0);
    assertThat(scrape.labelValues()).allSatisfy(value ->
        assertThat(value).doesNotContain(linkId, Flow.REQUESTER, "/no/such"));
  }

  @Test
  void scrape_noMetricsTokenConfigured_404() throws IOException {
    // given: the same bot without METRICS_TOKEN
    running.restartWith(Map.of());

    // then
    try (Response response = get("Bearer " + METRICS_TOKEN)) {
      assertThat(response.code()).isEqualTo(404);
    }
  }

  private PrometheusText scrape() {
    try (Response response = get("Bearer " + METRICS_TOKEN)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
      return PrometheusText.parse(response.body().string());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Response get(String authorization) throws IOException {
    return get("/metrics", authorization);
  }

  private Response get(String path, String authorization) throws IOException {
    Request.Builder request = new Request.Builder().url(running.bot().baseUrl() + path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.newCall(request.build()).execute();
  }
}

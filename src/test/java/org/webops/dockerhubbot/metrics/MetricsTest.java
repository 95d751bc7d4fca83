package org.webops.dockerhubbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.http.Endpoint;
import org.webops.dockerhubbot.provisioning.RunMeter;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.secretlinks.SecretLinkEvents;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore;
import org.webops.dockerhubbot.testing.PrometheusText;
import org.webops.dockerhubbot.workflow.OperationKind;

/** The bot's own series as Prometheus reads them: names, labels and values. */
class MetricsTest {
  private final Metrics metrics = Metrics.start();

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void apiCalls_answeredUnansweredAndRetried_byApiEndpointTemplateAndStatus() {
    // given
    Endpoint tokens = new Endpoint("/v2/orgs/{name}/access-tokens");

    // when
    metrics.apiCalls().answered("Docker Hub", "POST", tokens, 201, Duration.ofMillis(120));
    metrics.apiCalls().answered("Docker Hub", "GET", tokens, 429, Duration.ofMillis(5));
    metrics.apiCalls().retrying("Docker Hub", tokens, "429", Duration.ofSeconds(7), true);
    metrics.apiCalls().unanswered("CircleCI", "GET", new Endpoint("/project/{project-slug}"),
        Duration.ofSeconds(1));
    metrics.apiCalls().retrying("CircleCI", new Endpoint("/project/{project-slug}"), "io",
        Duration.ofMillis(500), false);

    // then
    PrometheusText scrape = PrometheusText.parse(metrics.scrape());
    assertThat(scrape.value("dhbot_api_calls_seconds_count", Map.of("api", "dockerhub",
        "method", "POST", "endpoint", "/v2/orgs/{name}/access-tokens", "status", "201")))
        .contains(1.0);
    assertThat(scrape.value("dhbot_api_calls_seconds_sum", Map.of("api", "dockerhub",
        "method", "POST", "status", "201"))).contains(0.12);
    assertThat(scrape.value("dhbot_api_calls_seconds_count", Map.of("api", "circleci",
        "status", "none"))).contains(1.0);
    assertThat(scrape.value("dhbot_api_retries_total", Map.of("api", "dockerhub",
        "endpoint", "/v2/orgs/{name}/access-tokens", "reason", "429"))).contains(1.0);
    assertThat(scrape.value("dhbot_api_retries_total", Map.of("api", "circleci",
        "reason", "io"))).contains(1.0);
    assertThat(scrape.value("dhbot_api_rate_limit_waits_seconds_sum", Map.of("api", "dockerhub")))
        .contains(7.0);
    assertThat(scrape.named("dhbot_api_rate_limit_waits_seconds_count")).singleElement()
        .satisfies(s -> assertThat(s.labels()).doesNotContainEntry("api", "circleci"));
  }

  @Test
  void runs_startedFinishedFailedAndSteps_byKindAndStepInLowerCase() {
    // when
    RunMeter runs = metrics.runs();
    runs.started(OperationKind.ROTATE);
    runs.stepRan(OperationKind.ROTATE, StepId.CREATE_ORG_TOKEN, RunMeter.StepOutcome.DONE,
        Duration.ofMillis(250));
    runs.stepRetried(OperationKind.ROTATE, StepId.WRITE_CIRCLECI,
        RunMeter.RetryReason.SERVER_ERROR, Duration.ofSeconds(2));
    runs.stepRan(OperationKind.ROTATE, StepId.WRITE_CIRCLECI, RunMeter.StepOutcome.FAILED,
        Duration.ofSeconds(3));
    runs.failed(OperationKind.ROTATE, StepId.WRITE_CIRCLECI);

    // then
    PrometheusText scrape = PrometheusText.parse(metrics.scrape());
    assertThat(scrape.value("dhbot_operations_started_total", Map.of("kind", "rotate")))
        .contains(1.0);
    assertThat(scrape.value("dhbot_operations_started_total", Map.of("kind", "provision")))
        .as("every kind shows, before its first").contains(0.0);
    assertThat(scrape.value("dhbot_operations_finished_total", Map.of("kind", "rotate")))
        .contains(0.0);
    assertThat(scrape.value("dhbot_operations_failed_total",
        Map.of("kind", "rotate", "step", "write_circleci"))).contains(1.0);
    assertThat(scrape.value("dhbot_step_duration_seconds_sum",
        Map.of("kind", "rotate", "step", "create_org_token", "outcome", "done"))).contains(0.25);
    assertThat(scrape.value("dhbot_step_duration_seconds_count",
        Map.of("kind", "rotate", "step", "write_circleci", "outcome", "failed"))).contains(1.0);
    assertThat(scrape.value("dhbot_step_retries_total",
        Map.of("kind", "rotate", "step", "write_circleci", "reason", "server_error")))
        .contains(1.0);
  }

  @Test
  void countingLinks_eachEvent_countedThenPassedOn() {
    // given
    List<String> passedOn = new ArrayList<>();
    SecretLinkEvents links = metrics.countingLinks(new SecretLinkEvents() {
      @Override
      public void created(long requestId) {
        passedOn.add("created " + requestId);
      }

      @Override
      public void claimed(long requestId, String linkId, Instant at) {
        passedOn.add("claimed " + requestId);
      }

      @Override
      public void expired(SecretLinkStore.PurgedLink link) {
        passedOn.add("expired " + link.requestId());
      }
    });

    // when
    links.created(7);
    links.created(8);
    links.claimed(7, "link-id", Instant.EPOCH);
    links.expired(new SecretLinkStore.PurgedLink("other-id", 8, "Credentials for x", "gh/o/x",
        false, false));

    // then
    PrometheusText scrape = PrometheusText.parse(metrics.scrape());
    assertThat(scrape.value("dhbot_secret_links_total", Map.of("event", "created")))
        .contains(2.0);
    assertThat(scrape.value("dhbot_secret_links_total", Map.of("event", "claimed")))
        .contains(1.0);
    assertThat(scrape.value("dhbot_secret_links_total", Map.of("event", "expired")))
        .contains(1.0);
    assertThat(passedOn).containsExactly("created 7", "created 8", "claimed 7", "expired 8");
  }

  @Test
  void serverRequest_byRouteTemplate() {
    metrics.serverRequest("GET", "/s/{id}", 200, Duration.ofMillis(3));

    assertThat(PrometheusText.parse(metrics.scrape()).value(
        "dhbot_http_server_requests_seconds_count",
        Map.of("method", "GET", "route", "/s/{id}", "status", "200"))).contains(1.0);
  }

  @Test
  void start_jvmMeters_bound() {
    assertThat(PrometheusText.parse(metrics.scrape()).samples())
        .extracting(PrometheusText.Sample::name)
        .contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
            "jvm_classes_loaded_classes", "process_uptime_seconds", "system_cpu_count");
  }
}

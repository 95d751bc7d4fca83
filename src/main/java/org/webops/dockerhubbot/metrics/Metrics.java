package org.webops.dockerhubbot.metrics;

import com.slack.api.util.http.listener.HttpResponseListener;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.server.Server;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.provisioning.RunMeter;
import org.webops.dockerhubbot.secretlinks.SecretLinkEvents;
import org.webops.dockerhubbot.workflow.RequestCounts;

/**
 * The one Prometheus registry, with the JVM's, Jetty's and HikariCP's standard meters and the
 * bot's own (README, Metrics). Built only when {@code METRICS_TOKEN} is set.
 */
public final class Metrics implements AutoCloseable {
  static final String SERVER_REQUESTS = "dhbot.http.server.requests";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Deque<AutoCloseable> bound = new ArrayDeque<>();
  private final ApiCallMetrics apiCalls = new ApiCallMetrics(registry);
  private final RunMetrics runs = new RunMetrics(registry);

  private Metrics() {}

  /** The registry with the JVM's meters: memory, garbage collection, threads, classes, CPU. */
  public static Metrics start() {
    Metrics metrics = new Metrics();
    new JvmMemoryMetrics().bindTo(metrics.registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(metrics.registry);
    metrics.bound.push(gc);
    new JvmThreadMetrics().bindTo(metrics.registry);
    new ClassLoaderMetrics().bindTo(metrics.registry);
    new ProcessorMetrics().bindTo(metrics.registry);
    new UptimeMetrics().bindTo(metrics.registry);
    return metrics;
  }

  /** For the connection pool: HikariCP's own {@code hikaricp_*} meters. */
  public MetricsTrackerFactory hikari() {
    return new MicrometerMetricsTrackerFactory(registry);
  }

  /** Jetty's thread pool and connections, once the server has started. */
  public void bindJetty(Server server) {
    JettyServerThreadPoolMetrics pool =
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty());
    pool.bindTo(registry);
    bound.push(pool);
    JettyConnectionMetrics.addToAllConnectors(server, registry);
  }

  /** Requests by state and credentials expiring soon, counted in the database when scraped. */
  public void bindRequests(RequestCounts counts, Clock clock) {
    new RequestGauges(counts, clock, System::nanoTime).bindTo(registry);
  }

  public CallMeter apiCalls() {
    return apiCalls;
  }

  public RunMeter runs() {
    return runs;
  }

  /** {@code next}, with every link created, claimed and expired counted first. */
  public SecretLinkEvents countingLinks(SecretLinkEvents next) {
    return new LinkMetrics(registry, next);
  }

  /** For the Slack SDK's configuration: times every Web API call by method and result. */
  public HttpResponseListener slackCalls(String methodsPrefix) {
    return new SlackCallMetrics(registry, methodsPrefix);
  }

  /**
   * One request the web server answered, by route template ({@code /s/{id}}, never the path) and
   * status.
   */
  public void serverRequest(String method, String route, int status, Duration took) {
    Timer.builder(SERVER_REQUESTS).description("HTTP requests the bot answered, by route")
        .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
        .register(registry).record(took);
  }

  /** Everything, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    while (!bound.isEmpty()) {
      try {
        bound.pop().close();
      } catch (Exception e) {
        // closing meters only stops their listeners; nothing to report
      }
    }
    registry.close();
  }
}

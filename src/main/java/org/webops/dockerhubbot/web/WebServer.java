package org.webops.dockerhubbot.web;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The one Javalin server: Slack requests, secret-link pages and health. */
public final class WebServer implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebServer.class);
  private static final int MAX_THREADS = 200;

  private final Javalin javalin;
  private volatile boolean ready;

  public WebServer(int port, ClientAddress clients, List<Routes> routes) {
    this(port, clients, routes, RequestTimer.NONE);
  }

  /** @param timer told of every answered request, by route template */
  public WebServer(int port, ClientAddress clients, List<Routes> routes, RequestTimer timer) {
    this.javalin = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jetty.port = port;
      cfg.jetty.threadPool = threadPool();
      cfg.jsonMapper(new JavalinJackson());
      cfg.contextResolver.ip = clients::of;
      // Until start-up has finished (migrations), every route answers 503; platforms route
      // traffic only after /health says 200.
      cfg.routes.before(ctx -> {
        if (!ready) {
          ctx.skipRemainingHandlers();
          ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").result("starting");
        }
      });
      routes.forEach(group -> group.addTo(cfg.routes));
      if (timer != RequestTimer.NONE) {
        cfg.requestLogger.http((ctx, millis) -> timer.answered(ctx.method().name(), route(ctx),
            ctx.statusCode(), Duration.ofNanos((long) (millis * 1_000_000))));
      }
      // Javalin's own handler logs the exception's message, which may quote request input.
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        log.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getClass().getName());
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).result("Internal error");
      });
    });
  }

  /**
   * Large enough that a burst of concurrent Slack requests never queues behind a handler waiting
   * on the database or the CircleCI lookup (32 threads for 64 connections made the p99 three
   * times the floor's); idle threads above the minimum go after Jetty's idle timeout, and a
   * thread's stack is only committed as deep as it is used.
   */
  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 4);
    pool.setName("http");
    return pool;
  }

  /** The route template ({@code /s/{id}}) the request matched, never its path. */
  private static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    return endpoint == null ? RequestTimer.UNMATCHED : endpoint.path;
  }

  public WebServer start() {
    javalin.start();
    return this;
  }

  /** Lets requests through; called once the application is completely started. */
  public void ready() {
    ready = true;
  }

  /** The running Jetty server, for its thread-pool and connection meters. */
  public Server jetty() {
    return javalin.jettyServer().server();
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }
}

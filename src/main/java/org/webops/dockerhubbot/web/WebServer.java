package org.webops.dockerhubbot.web;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;

/** The one Javalin server: Slack requests, secret-link pages and health. */
public final class WebServer implements AutoCloseable {
  private final Javalin javalin;

  public WebServer(int port, List<Routes> routes) {
    this.javalin = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jetty.port = port;
      cfg.jsonMapper(new JavalinJackson());
      cfg.contextResolver.ip = ClientAddress::of;
      routes.forEach(group -> group.addTo(cfg.routes));
    });
  }

  public WebServer start() {
    javalin.start();
    return this;
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }
}

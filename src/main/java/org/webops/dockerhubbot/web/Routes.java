package org.webops.dockerhubbot.web;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP routes, added to the one Javalin server that {@link WebServer} builds. */
@FunctionalInterface
public interface Routes {
  void addTo(RoutesConfig routes);
}

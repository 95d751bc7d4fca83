package org.webops.dockerhubbot.web;

import java.time.Duration;

/** Told of every request the server answered, by its route template, never its path. */
@FunctionalInterface
public interface RequestTimer {
  /** The route of a request that matched none. */
  String UNMATCHED = "unmatched";

  RequestTimer NONE = (method, route, status, took) -> {};

  void answered(String method, String route, int status, Duration took);
}

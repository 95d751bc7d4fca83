package org.webops.dockerhubbot.web;

import io.javalin.http.Context;

/**
 * The client's address for rate limits and audit rows. Behind one router (Cloud Foundry, Heroku)
 * the peer is the router, which appends the real client as the last {@code X-Forwarded-For}
 * entry; entries before it are whatever the client sent and are not trusted.
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(Context ctx) {
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded != null && !forwarded.isBlank()) {
      String[] hops = forwarded.split(",");
      String last = hops[hops.length - 1].strip();
      if (!last.isEmpty()) {
        return last;
      }
    }
    return ctx.req().getRemoteAddr();
  }
}

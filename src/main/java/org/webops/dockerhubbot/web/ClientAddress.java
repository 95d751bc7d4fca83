package org.webops.dockerhubbot.web;

import io.javalin.http.Context;

/**
 * The client's address for rate limits and audit rows. Only the proxies the operator says are in
 * front ({@code TRUSTED_PROXY_HOPS}) are believed: each appends the address it saw to {@code
 * X-Forwarded-For}, so with {@code n} of them the client is the {@code n}-th entry from the right.
 * Entries further left are whatever the client sent. With none, the peer address is the client,
 * and the header is ignored.
 */
public final class ClientAddress {
  /** Longer is not an address; it would only carry what a client chose into logs and audit. */
  static final int MAX_LENGTH = 64;

  private final int trustedHops;

  public ClientAddress(int trustedHops) {
    if (trustedHops < 0) {
      throw new IllegalArgumentException("trustedHops must not be negative");
    }
    this.trustedHops = trustedHops;
  }

  public String of(Context ctx) {
    return of(ctx.header("X-Forwarded-For"), ctx.req().getRemoteAddr());
  }

  String of(String forwardedFor, String peer) {
    if (trustedHops == 0 || forwardedFor == null || forwardedFor.isBlank()) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    String client = hops[Math.max(0, hops.length - trustedHops)].strip();
    if (client.isEmpty()) {
      return peer;
    }
    return client.length() > MAX_LENGTH ? client.substring(0, MAX_LENGTH) : client;
  }
}

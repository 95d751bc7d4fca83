package org.webops.dockerhubbot.http;

import java.time.Duration;

/**
 * Told of every attempt {@link ApiTransport} makes and every wait before a retry, by API, method
 * and {@link Endpoint} template: labels that are few and fixed, never a path, id or body.
 */
public interface CallMeter {

  /** An attempt got an answer with this HTTP status. */
  void answered(String api, String method, Endpoint endpoint, int status, Duration took);

  /** An attempt got no answer (I/O failure or timeout). */
  void unanswered(String api, String method, Endpoint endpoint, Duration took);

  /**
   * The transport waits before trying again.
   *
   * @param reason the status that asked for it ({@code "503"}) or {@code "io"}
   * @param rateLimited whether the API asked for the wait ({@code Retry-After} on 429)
   */
  void retrying(String api, Endpoint endpoint, String reason, Duration wait, boolean rateLimited);

  CallMeter NONE = new CallMeter() {
    @Override
    public void answered(String api, String method, Endpoint endpoint, int status,
        Duration took) {}

    @Override
    public void unanswered(String api, String method, Endpoint endpoint, Duration took) {}

    @Override
    public void retrying(String api, Endpoint endpoint, String reason, Duration wait,
        boolean rateLimited) {}
  };
}

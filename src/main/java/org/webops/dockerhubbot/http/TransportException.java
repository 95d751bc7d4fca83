package org.webops.dockerhubbot.http;

/** No usable answer: connection refused, timeout, broken connection (after any retries). */
public final class TransportException extends ApiException {

  public TransportException(String api, String method, String path, String reason, Throwable cause) {
    super(api, method, path, 0, reason, cause);
  }
}

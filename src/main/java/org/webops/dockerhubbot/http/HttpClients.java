package org.webops.dockerhubbot.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** Builds the one {@link OkHttpClient} the application shares between its API clients. */
public final class HttpClients {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private HttpClients() {}

  /**
   * A new client with the application's timeouts. Call once in the wiring and pass the result to
   * every API client; each client derives its own view with {@code newBuilder()}, which keeps the
   * shared connection pool and dispatcher.
   */
  public static OkHttpClient shared() {
    return new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(READ_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .retryOnConnectionFailure(false) // retries are decided by ApiTransport, per method
        .build();
  }
}

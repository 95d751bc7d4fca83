package org.webops.dockerhubbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

  @Test
  void shared_timeouts_areSetAndRetriesLeftToTheTransport() {
    // when
    OkHttpClient http = HttpClients.shared();

    // then
    assertEquals(5_000, http.connectTimeoutMillis());
    assertEquals(15_000, http.readTimeoutMillis());
    assertEquals(30_000, http.callTimeoutMillis());
    assertFalse(http.retryOnConnectionFailure());
  }
}

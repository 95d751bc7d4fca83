package org.webops.dockerhubbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class HostScopedHeaderInterceptorTest {

  @StartStop private final MockWebServer api = new MockWebServer();
  @StartStop private final MockWebServer elsewhere = new MockWebServer();

  @Test
  void redirectToAnotherHost_credentialHeaderIsNotSentThere() throws Exception {
    // given an API that redirects to another host (another port is another origin)
    OkHttpClient http =
        HttpClients.shared()
            .newBuilder()
            .addNetworkInterceptor(
                new HostScopedHeaderInterceptor(api.url("/"), "Circle-Token", r -> "SECRET-TOKEN"))
            .build();
    api.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", elsewhere.url("/landing")).build());
    elsewhere.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    // when
    try (Response response = http.newCall(new Request.Builder().url(api.url("/start")).build()).execute()) {
      assertEquals(200, response.code());
    }

    // then
    RecordedRequest first = api.takeRequest();
    RecordedRequest redirected = elsewhere.takeRequest();
    assertEquals("SECRET-TOKEN", first.getHeaders().get("Circle-Token"));
    assertNull(redirected.getHeaders().get("Circle-Token"));
  }
}

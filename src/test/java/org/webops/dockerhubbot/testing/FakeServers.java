package org.webops.dockerhubbot.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Starts a fake API on loopback: every request answered by one function, sent at once. */
final class FakeServers {
  private FakeServers() {}

  static void start(MockWebServer server, Function<RecordedRequest, MockResponse> answer)
      throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
    server.setServerSocketFactory(NoDelaySockets.INSTANCE);
    server.start(InetAddress.getLoopbackAddress(), 0);
  }
}

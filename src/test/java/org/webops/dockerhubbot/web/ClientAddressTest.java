package org.webops.dockerhubbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only as many X-Forwarded-For entries as there are trusted proxies are believed. */
class ClientAddressTest {

  @Test
  void noTrustedProxy_theHeaderIsIgnored() {
    assertThat(new ClientAddress(0).of("6.6.6.6, 7.7.7.7", "10.0.0.5")).isEqualTo("10.0.0.5");
  }

  @Test
  void oneTrustedProxy_theEntryItAppended() {
    ClientAddress behindOneRouter = new ClientAddress(1);

    assertThat(behindOneRouter.of("6.6.6.6, 203.0.113.9", "10.0.0.5")).isEqualTo("203.0.113.9");
    assertThat(behindOneRouter.of(null, "10.0.0.5")).isEqualTo("10.0.0.5");
  }

  @Test
  void twoTrustedProxies_theSecondFromTheRight() {
    assertThat(new ClientAddress(2).of("6.6.6.6, 203.0.113.9, 10.1.1.1", "10.0.0.5"))
        .isEqualTo("203.0.113.9");
    assertThat(new ClientAddress(2).of("203.0.113.9", "10.0.0.5")).isEqualTo("203.0.113.9");
  }

  @Test
  void anOverlongEntry_cut() {
    assertThat(new ClientAddress(1).of("x".repeat(5000), "10.0.0.5")).hasSize(64);
  }
}

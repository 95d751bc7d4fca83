package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProvisioningSettingsTest {
  private final ProvisioningSettings settings = ProvisioningSettings.of("org", "team",
      "webops+{id}@example.org", Duration.ofHours(24), Duration.ofMinutes(1));

  @Test
  void pollDelay_doublesFromAMinuteUpToHalfAnHour() {
    assertThat(settings.pollDelay(0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.pollDelay(1)).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.pollDelay(4)).isEqualTo(Duration.ofMinutes(16));
    assertThat(settings.pollDelay(5)).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.pollDelay(300)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void maxPolls_boundsPollingToAboutAWeek() {
    Duration total = Duration.ZERO;
    for (int poll = 0; poll < settings.maxPolls(); poll++) {
      total = total.plus(settings.pollDelay(poll));
    }
    assertThat(total).isBetween(Duration.ofDays(6), Duration.ofDays(8));
  }

  @Test
  void emailOf_fillsTheTemplate() {
    assertThat(settings.emailOf("opgrefunds")).isEqualTo("webops+opgrefunds@example.org");
  }
}

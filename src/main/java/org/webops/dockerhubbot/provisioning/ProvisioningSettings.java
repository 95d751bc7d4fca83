package org.webops.dockerhubbot.provisioning;

import java.time.Duration;

/**
 * Configuration the steps read.
 *
 * @param emailTemplate {@code SERVICE_EMAIL_TEMPLATE} with {@code {id}}, empty when service users
 *     are not set up
 * @param pollBase the first wait between membership polls; doubled up to {@code pollCap}
 */
public record ProvisioningSettings(
    String org, String team, String emailTemplate, Duration linkTtl, Duration pollBase,
    Duration pollCap, int maxPolls) {

  /**
   * Polls after {@code pollBase} (a minute in production), doubling up to 30 times that, for 340
   * polls: with a minute, 1, 2, 4, 8, 16 minutes, then every 30 minutes for about a week.
   */
  public static ProvisioningSettings of(String org, String team, String emailTemplate,
      Duration linkTtl, Duration pollBase) {
    return new ProvisioningSettings(org, team, emailTemplate, linkTtl, pollBase,
        pollBase.multipliedBy(30), 340);
  }

  public String emailOf(String dockerId) {
    return emailTemplate.replace("{id}", dockerId);
  }

  /** The wait before poll number {@code polls + 1}. */
  public Duration pollDelay(int polls) {
    Duration delay = pollBase.multipliedBy(1L << Math.min(polls, 20));
    return delay.compareTo(pollCap) > 0 ? pollCap : delay;
  }
}

package org.webops.dockerhubbot.provisioning.steps;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.webops.dockerhubbot.slack.blocks.SlackText;

/** Words shared by the two token steps. */
final class TokenLines {
  private TokenLines() {}

  static String replaced(String kind, String label) {
    return "Deleted the earlier " + kind + " " + SlackText.code(label) + ": its value was lost"
        + " (a restart or a failed answer), so a new one replaces it";
  }

  static String expiry(Instant expiresAt) {
    return "expires " + DateTimeFormatter.ISO_LOCAL_DATE.format(expiresAt.atZone(ZoneOffset.UTC));
  }
}

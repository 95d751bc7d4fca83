package org.webops.dockerhubbot.health;

import java.util.Map;

/** One part of {@code /health}: a name and whether it is fine, with the reason when not. */
public interface HealthCheck {

  /**
   * @param detail what {@code /health} shows: "up"/"ok", or the reason (never a secret)
   * @param shown what {@code /health} shows under the check's name: the detail, or a structure
   *     (one entry per credential)
   */
  record Status(boolean ok, String detail, Object shown) {
    public Status(boolean ok, String detail) {
      this(ok, detail, detail);
    }

    public static Status ok(String detail) {
      return new Status(true, detail);
    }

    public static Status failing(String reason) {
      return new Status(false, reason);
    }

    /** A status that {@code /health} shows as an object rather than one word. */
    public static Status of(boolean ok, String detail, Map<String, ?> shown) {
      return new Status(ok, detail, shown);
    }
  }

  String name();

  Status status();
}

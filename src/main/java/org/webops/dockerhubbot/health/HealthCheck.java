package org.webops.dockerhubbot.health;

/** One part of {@code /health}: a name and whether it is fine, with the reason when not. */
public interface HealthCheck {

  /** @param detail what {@code /health} shows: "up"/"ok", or the reason (never a secret) */
  record Status(boolean ok, String detail) {
    public static Status ok(String detail) {
      return new Status(true, detail);
    }

    public static Status failing(String reason) {
      return new Status(false, reason);
    }
  }

  String name();

  Status status();
}

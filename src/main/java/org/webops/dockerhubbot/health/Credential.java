package org.webops.dockerhubbot.health;

/** The credentials the bot depends on, each checked at start-up and daily. */
public enum Credential {
  /** {@code DOCKERHUB_ADMIN_USERNAME}/{@code _PASSWORD}, or {@code DOCKERHUB_ADMIN_TOKEN}. */
  DOCKERHUB_ADMIN("dockerhub_admin"),
  /** {@code CIRCLECI_TOKEN}. */
  CIRCLECI_TOKEN("circleci_token"),
  /** {@code SLACK_BOT_TOKEN}. */
  SLACK_BOT_TOKEN("slack_bot_token");

  private final String key;

  Credential(String key) {
    this.key = key;
  }

  /** Its name in {@code /health}, the logs, the audit trail and the database. */
  public String key() {
    return key;
  }
}

package org.webops.dockerhubbot.provisioning;

/** What a waiting step needs before it can go on. */
public enum WaitFor {
  /** A person clicks a button on the card; nothing happens until then. */
  PERSON,
  /** The bot looks again by itself at the wake-up time (and when someone clicks "Check now"). */
  POLL
}

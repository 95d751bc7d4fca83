package org.webops.dockerhubbot.provisioning;

/**
 * What became of a click on a run control, for the clicker alone. Plain words; the Slack edge
 * marks a refusal as one.
 */
public record ControlReply(Kind kind, String text) {

  public enum Kind {
    /** The run went on: the card and its thread say the rest, nothing is replied. */
    WENT_ON,
    /** The clicker may not do this; nothing changed. */
    REFUSED,
    /** Why nothing (more) happened. */
    INFO
  }

  public static ControlReply wentOn() {
    return new ControlReply(Kind.WENT_ON, "");
  }

  public static ControlReply refused(String why) {
    return new ControlReply(Kind.REFUSED, why);
  }

  public static ControlReply info(String text) {
    return new ControlReply(Kind.INFO, text);
  }
}

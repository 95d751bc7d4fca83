package org.webops.dockerhubbot.slack.blocks;

import java.util.Optional;

/** The ephemeral help text; lists every subcommand. */
public final class HelpMessage {
  private HelpMessage() {}

  /** @param unknownWord the word the user typed that is not a subcommand, if any */
  public static String text(Optional<String> unknownWord) {
    String intro = unknownWord
        .map(word -> "I don't know `" + SlackText.escape(word.replace("`", "'")) + "`. ")
        .orElse("");
    return intro + "*/dockerhub-user* gives a CircleCI pipeline its own Docker Hub credential,"
        + " approved by a second webops member.\n"
        + "• `/dockerhub-user new [pipeline]` ask for a credential (opens a form)\n"
        + "• `/dockerhub-user list` your requests and those waiting for approval\n"
        + "• `/dockerhub-user status <pipeline>` where a pipeline's request stands\n"
        + "• `/dockerhub-user rotate <pipeline>` new token, CircleCI updated, old token deleted"
        + " (approvers)\n"
        + "• `/dockerhub-user revoke <pipeline>` delete the token, team membership and CircleCI"
        + " variables (approvers)\n"
        + "• `/dockerhub-user drift` what changed in Docker Hub and CircleCI (approvers)\n"
        + "• `/dockerhub-user help` this help";
  }
}

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
        + " approved by a second webops member, and looks after it until it is revoked.\n"
        + "• `/dockerhub-user new [pipeline]` — ask for a credential (opens a form)\n"
        + "• `/dockerhub-user list` — live credentials by soonest expiry, then requests in"
        + " flight\n"
        + "• `/dockerhub-user status <pipeline>` — a pipeline's credential: token, scope,"
        + " expiry, CircleCI variables and its audit trail\n"
        + "• `/dockerhub-user rotate <pipeline>` — approvers or the requester: a new token,"
        + " CircleCI updated, the old token deleted\n"
        + "• `/dockerhub-user revoke <pipeline>` — approvers: delete the token, team membership"
        + " and CircleCI variables\n"
        + "• `/dockerhub-user withdraw <pipeline>` — the requester, while the request waits for"
        + " approval\n"
        + "• `/dockerhub-user drift` — approvers: check Docker Hub and CircleCI against what the"
        + " bot made\n"
        + "• `/dockerhub-user help` — this help\n"
        + "The App Home tab shows your requests and, for approvers, what waits for a decision"
        + " and what expires soon.";
  }
}

package org.webops.dockerhubbot.slack.listeners;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.COMMAND;

import com.slack.api.bolt.App;
import org.webops.dockerhubbot.slack.commands.DockerhubUserCommand;

/** The slash command. */
public record CommandListeners(DockerhubUserCommand dockerhubUser) {
  public void register(App app) {
    app.command(COMMAND, dockerhubUser);
  }
}

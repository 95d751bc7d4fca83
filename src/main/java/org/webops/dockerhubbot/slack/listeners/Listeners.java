package org.webops.dockerhubbot.slack.listeners;

import com.slack.api.bolt.App;

/** Every listener the app has, by kind, registered explicitly in one place. */
public record Listeners(CommandListeners commands, ActionListeners actions, ViewListeners views,
    EventListeners events) {

  public void register(App app) {
    commands.register(app);
    actions.register(app);
    views.register(app);
    events.register(app);
  }
}

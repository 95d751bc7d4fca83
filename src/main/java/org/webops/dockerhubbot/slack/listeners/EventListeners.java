package org.webops.dockerhubbot.slack.listeners;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.webops.dockerhubbot.slack.events.AppHomeOpened;

/** Events the app subscribes to. */
public record EventListeners(AppHomeOpened appHome) {
  public void register(App app) {
    app.event(AppHomeOpenedEvent.class, appHome);
  }
}

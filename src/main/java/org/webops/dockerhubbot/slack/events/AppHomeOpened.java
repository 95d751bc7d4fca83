package org.webops.dockerhubbot.slack.events;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.blocks.AppHomeView;
import org.webops.dockerhubbot.slack.commands.RequestQueries;

/** Publishes the App Home tab when a user opens it, after the ack. */
public final class AppHomeOpened implements BoltEventHandler<AppHomeOpenedEvent> {
  private final RequestQueries queries;
  private final SlackMessenger messenger;
  private final AsyncWork async;

  public AppHomeOpened(RequestQueries queries, SlackMessenger messenger, AsyncWork async) {
    this.queries = queries;
    this.messenger = messenger;
    this.async = async;
  }

  @Override
  public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
    String user = payload.getEvent().getUser();
    if ("home".equals(payload.getEvent().getTab())) {
      async.run("publishing App Home", () -> publish(user));
    }
    return ctx.ack();
  }

  private void publish(String user) {
    messenger.publishHome(user, AppHomeView.build(queries.home(user)));
  }
}

package org.webops.dockerhubbot.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.util.http.SlackHttpClient;
import java.util.List;
import okhttp3.OkHttpClient;
import org.webops.dockerhubbot.testing.TestBot;
import org.webops.dockerhubbot.web.BoltHandler;
import org.webops.dockerhubbot.web.ClientAddress;
import org.webops.dockerhubbot.web.RequestSignature;
import org.webops.dockerhubbot.web.WebServer;

/**
 * The ack-latency baseline: Bolt in Javalin through the same adapter, with listeners that only
 * ack. Arguments: port, Slack API URL (a fake that answers auth.test), and how many milliseconds
 * a modal submission waits before its ack (the one outside call the bot's ack path makes).
 */
public final class BareBoltApp {
  private BareBoltApp() {}

  public static void main(String[] args) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(args[1]);
    slackConfig.setStatsEnabled(false);
    Slack slack = Slack.getInstance(slackConfig, new SlackHttpClient(new OkHttpClient()));
    App app = new App(AppConfig.builder().slack(slack).singleTeamBotToken(TestBot.BOT_TOKEN)
        .signingSecret(TestBot.SIGNING_SECRET).build());
    long lookupMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
    app.command("/dockerhub-user", (request, ctx) -> ctx.ack());
    app.blockAction("approve-action", (request, ctx) -> ctx.ack());
    app.viewSubmission("request-modal", (request, ctx) -> {
      java.util.concurrent.locks.LockSupport.parkNanos(
          java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(lookupMillis)); // the one outside call the bot's ack may make
      return ctx.ack();
    });
    app.start();
    BoltHandler bolt = new BoltHandler(app,
        new RequestSignature(TestBot.SIGNING_SECRET, java.time.Clock.systemUTC()));
    WebServer server = new WebServer(Integer.parseInt(args[0]), new ClientAddress(0), List.of(
        routes -> routes.post("/slack/events", bolt),
        routes -> routes.get("/health", ctx -> ctx.result("ok")))).start();
    server.ready();
  }
}

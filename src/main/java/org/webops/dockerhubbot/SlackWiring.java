package org.webops.dockerhubbot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.http.listener.HttpResponseListener;
import java.time.Duration;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.webops.dockerhubbot.drift.DriftReporting;
import org.webops.dockerhubbot.lifecycle.CredentialActions;
import org.webops.dockerhubbot.provisioning.RunControl;
import org.webops.dockerhubbot.slack.ApprovalChannelCheck;
import org.webops.dockerhubbot.slack.ApprovalChannelGuard;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.RequestAnnouncer;
import org.webops.dockerhubbot.slack.SlackApprovers;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.SlackTokenCheck;
import org.webops.dockerhubbot.slack.actions.CardButton;
import org.webops.dockerhubbot.slack.actions.CredentialButton;
import org.webops.dockerhubbot.slack.actions.RejectButton;
import org.webops.dockerhubbot.slack.blocks.RevokeModal;
import org.webops.dockerhubbot.slack.blocks.RotateModal;
import org.webops.dockerhubbot.slack.blocks.SlackIds;
import org.webops.dockerhubbot.slack.commands.CredentialCommands;
import org.webops.dockerhubbot.slack.commands.DockerhubUserCommand;
import org.webops.dockerhubbot.slack.commands.DriftCommand;
import org.webops.dockerhubbot.slack.commands.RequestQueries;
import org.webops.dockerhubbot.slack.events.AppHomeOpened;
import org.webops.dockerhubbot.slack.listeners.ActionListeners;
import org.webops.dockerhubbot.slack.listeners.CommandListeners;
import org.webops.dockerhubbot.slack.listeners.EventListeners;
import org.webops.dockerhubbot.slack.listeners.Listeners;
import org.webops.dockerhubbot.slack.listeners.ViewListeners;
import org.webops.dockerhubbot.slack.views.RejectReasonSubmission;
import org.webops.dockerhubbot.slack.views.RequestModalSubmission;
import org.webops.dockerhubbot.slack.views.RevokeSubmission;
import org.webops.dockerhubbot.slack.views.RotateSubmission;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestService;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * The Slack side: the SDK on the shared HTTP pool, the one messenger, the approver check, the
 * guard of an approval channel whose members approve, the bot token's health check, and the
 * listeners.
 */
record SlackWiring(Slack slack, SlackMessenger messenger, SlackApprovers approvers,
    Optional<ApprovalChannelGuard> channelGuard, SlackTokenCheck tokenCheck) {
  private static final Duration APPROVER_CACHE = Duration.ofSeconds(60);
  private static final Duration CHANNEL_CHECK_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration TOKEN_CHECK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * @throws ConfigException when the approval channel is public and no approver group is set
   */
  static SlackWiring connect(Config config, OkHttpClient http,
      Optional<HttpResponseListener> calls) {
    SlackConfig slackConfig = new SlackConfig();
    calls.ifPresent(slackConfig.getHttpClientResponseHandlers()::add);
    slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
    slackConfig.setStatsEnabled(false);
    // Same pool and dispatcher; Slack's SDK expects OkHttp's transparent retry of a stale
    // pooled connection, which the Hub and CircleCI clients leave to their own retry policy.
    Slack slack = Slack.getInstance(slackConfig,
        new SlackHttpClient(http.newBuilder().retryOnConnectionFailure(true).build()));
    MethodsClient methods = slack.methods(config.slackBotToken().reveal());
    SlackApprovers approvers = new SlackApprovers(methods, config.approverGroup(),
        config.approvalChannel(), APPROVER_CACHE);
    Optional<ApprovalChannelGuard> guard = config.approverGroup().isPresent() ? Optional.empty()
        : Optional.of(new ApprovalChannelGuard(new ApprovalChannelCheck(Slack.getInstance(
            slackConfig, new SlackHttpClient(http.newBuilder()
                .callTimeout(CHANNEL_CHECK_TIMEOUT).build()))
            .methods(config.slackBotToken().reveal()), config.approvalChannel()), approvers));
    try {
      guard.ifPresent(ApprovalChannelGuard::atStartUp);
    } catch (ApprovalChannelGuard.UnsafeChannelException e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
    SlackTokenCheck tokenCheck = new SlackTokenCheck(Slack.getInstance(slackConfig,
        new SlackHttpClient(http.newBuilder().callTimeout(TOKEN_CHECK_TIMEOUT).build()))
        .methods(config.slackBotToken().reveal()));
    return new SlackWiring(slack, new SlackMessenger(methods), approvers, guard, tokenCheck);
  }

  /** What the listeners call. */
  record Services(RequestService requests, RunControl control, CredentialActions credentials,
      RequestRepository store, RequestQueries queries, RequestAnnouncer announcer,
      DriftReporting drift, AsyncWork async) {}

  /** Every listener, by kind, with the services they call. */
  Listeners listeners(Config config, Services with) {
    AsyncWork async = with.async();
    RunControl control = with.control();
    Duration grace = config.lifecycle().rotationGrace();
    return new Listeners(
        new CommandListeners(new DockerhubUserCommand(with.queries(), new CredentialCommands(
            with.store(), with.credentials(), messenger, grace),
            new DriftCommand(with.drift(), async, config.approvalChannel()), messenger,
            config.dryRun(), config.credentialKinds())),
        new ActionListeners(new RejectButton(with.store(), messenger, async), List.of(
            CardButton.approve(with.requests(), async),
            CardButton.control(SlackIds.RETRY_ACTION, "Retry", control::retry, async),
            CardButton.control(SlackIds.SIGNED_UP_ACTION, "Sign-up check", control::signedUp,
                async),
            CardButton.control(SlackIds.SIGN_UP_AGAIN_ACTION, "Sign-up details again",
                control::sendSignUpAgain, async),
            CardButton.control(SlackIds.CHECK_MEMBERSHIP_ACTION, "Membership check",
                control::checkNow, async),
            CardButton.control(SlackIds.REPLACE_VARIABLES_ACTION, "Replace variables",
                control::replaceVariables, async)), List.of(
            new CredentialButton(SlackIds.ROTATE_ACTION, Transition.ROTATE,
                EnumSet.of(RequestState.DONE, RequestState.EXPIRED, RequestState.ROTATING),
                request -> RotateModal.build(request, grace), with.store(), with.credentials(),
                messenger, async),
            new CredentialButton(SlackIds.REVOKE_ACTION, Transition.REVOKE,
                Transition.REVOKE.from(), RevokeModal::build, with.store(), with.credentials(),
                messenger, async))),
        new ViewListeners(new RequestModalSubmission(with.requests(), with.announcer(), async),
            new RejectReasonSubmission(with.requests(), messenger, config.approvalChannel(),
                async),
            new RotateSubmission(with.credentials(), messenger, async),
            new RevokeSubmission(with.credentials(), messenger, async)),
        new EventListeners(new AppHomeOpened(with.queries(), messenger, async)));
  }

  App app(Config config) {
    AppConfig.AppConfigBuilder appConfig = AppConfig.builder()
        .slack(slack)
        .singleTeamBotToken(config.slackBotToken().reveal());
    config.slackSigningSecret().ifPresent(secret -> appConfig.signingSecret(secret.reveal()));
    return new App(appConfig.build());
  }
}

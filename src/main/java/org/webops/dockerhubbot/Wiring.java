package org.webops.dockerhubbot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.util.http.SlackHttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.circleci.CircleCiClient;
import org.webops.dockerhubbot.circleci.CircleCiProjectLookup;
import org.webops.dockerhubbot.circleci.CircleCiToken;
import org.webops.dockerhubbot.dockerhub.DockerHubClient;
import org.webops.dockerhubbot.dockerhub.DockerHubCredential;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.RetryPolicy;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.notices.NoticeRelay;
import org.webops.dockerhubbot.provisioning.Apis;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.Plans;
import org.webops.dockerhubbot.provisioning.ProvisioningRunner;
import org.webops.dockerhubbot.provisioning.ProvisioningSettings;
import org.webops.dockerhubbot.provisioning.RunControl;
import org.webops.dockerhubbot.provisioning.SignUpDetails;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.provisioning.steps.ApproverLinks;
import org.webops.dockerhubbot.provisioning.steps.AwaitMembership;
import org.webops.dockerhubbot.provisioning.steps.CreateOrgToken;
import org.webops.dockerhubbot.provisioning.steps.CreatePersonalToken;
import org.webops.dockerhubbot.provisioning.steps.DeliverCredentials;
import org.webops.dockerhubbot.provisioning.steps.GenerateIdentity;
import org.webops.dockerhubbot.provisioning.steps.InviteToTeam;
import org.webops.dockerhubbot.provisioning.steps.SendSignUp;
import org.webops.dockerhubbot.provisioning.steps.VerifySignUp;
import org.webops.dockerhubbot.provisioning.steps.WriteCircleCiVariables;
import org.webops.dockerhubbot.secretlinks.ClaimRateLimiter;
import org.webops.dockerhubbot.secretlinks.DataEncryption;
import org.webops.dockerhubbot.secretlinks.ExpiredLinkPurger;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.secretlinks.RequestThreads;
import org.webops.dockerhubbot.secretlinks.SecretLinkMessenger;
import org.webops.dockerhubbot.secretlinks.SecretLinkRoutes;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore;
import org.webops.dockerhubbot.secretlinks.SecretLinks;
import org.webops.dockerhubbot.secretlinks.SlackSecretLinkNotifier;
import org.webops.dockerhubbot.slack.ApprovalChannelCheck;
import org.webops.dockerhubbot.slack.ApprovalChannelGuard;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.CardUpdates;
import org.webops.dockerhubbot.slack.DecisionReplies;
import org.webops.dockerhubbot.slack.Listeners;
import org.webops.dockerhubbot.slack.RequestAnnouncer;
import org.webops.dockerhubbot.slack.SlackApprovers;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.SlackNoticeSender;
import org.webops.dockerhubbot.slack.SlackProgress;
import org.webops.dockerhubbot.slack.actions.CardButton;
import org.webops.dockerhubbot.slack.actions.RejectButton;
import org.webops.dockerhubbot.slack.blocks.ApprovalCard;
import org.webops.dockerhubbot.slack.commands.DockerhubUserCommand;
import org.webops.dockerhubbot.slack.commands.RequestQueries;
import org.webops.dockerhubbot.slack.events.AppHomeOpened;
import org.webops.dockerhubbot.slack.views.RejectReasonSubmission;
import org.webops.dockerhubbot.slack.views.RequestModalSubmission;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcCredentialStore;
import org.webops.dockerhubbot.storage.JdbcKeptSecretStore;
import org.webops.dockerhubbot.storage.JdbcNotices;
import org.webops.dockerhubbot.storage.JdbcRequestRepository;
import org.webops.dockerhubbot.storage.JdbcRunStore;
import org.webops.dockerhubbot.storage.JdbcSecretLinkStore;
import org.webops.dockerhubbot.web.BoltHandler;
import org.webops.dockerhubbot.web.ClientAddress;
import org.webops.dockerhubbot.web.HealthRoutes;
import org.webops.dockerhubbot.web.RequestSignature;
import org.webops.dockerhubbot.web.Routes;
import org.webops.dockerhubbot.web.WebServer;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestService;
import org.webops.dockerhubbot.workflow.RequestValidator;

/** Every {@code new} of the application, in one place; closing it stops everything it started. */
public final class Wiring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);
  private static final Duration APPROVER_CACHE = Duration.ofSeconds(60);
  private static final Duration CARD_SWEEP = Duration.ofMinutes(1);
  private static final Duration PROJECT_LOOKUP_TIMEOUT = Duration.ofMillis(1500);
  private static final Duration CHANNEL_CHECK_TIMEOUT = Duration.ofSeconds(3);
  /** How often each instance looks for notices that others, or a crash, left undelivered. */
  private static final Duration NOTICE_SWEEP = Duration.ofSeconds(5);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Database database;
  private SecretLinks secretLinks;
  private WebServer web;

  private Wiring() {}

  public static Wiring start(Config config) {
    return start(config, Tuning.defaults());
  }

  public static Wiring start(Config config, Tuning tuning) {
    Wiring wiring = new Wiring();
    try {
      wiring.build(config, tuning);
      return wiring;
    } catch (RuntimeException e) {
      wiring.close();
      throw e;
    }
  }

  private void build(Config config, Tuning tuning) {
    Clock clock = Clock.systemUTC();
    database = Database.connect(config.database());
    started.push(database);
    // Migrating (H2 or PostgreSQL, Flyway) is the slowest part of start-up and needs nothing
    // else: it starts first and runs beside the HTTP, Slack and web set-up, and the server
    // answers only once it is done.
    CompletableFuture<Void> migrated = CompletableFuture.runAsync(database::migrate, Wiring::startupThread);
    OkHttpClient http = HttpClients.shared();
    started.push(() -> {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    });
    RequestRepository requests = new JdbcRequestRepository(database.dataSource());
    AuditLog audit = new JdbcAuditLog(database.dataSource());

    ExecutorService work = Executors.newFixedThreadPool(4, named("slack-work"));
    started.push(() -> {
      work.shutdown();
      work.awaitTermination(5, TimeUnit.SECONDS);
    });
    AsyncWork async = new AsyncWork(work);

    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
    slackConfig.setStatsEnabled(false);
    // Same pool and dispatcher; Slack's SDK expects OkHttp's transparent retry of a stale
    // pooled connection, which the Hub and CircleCI clients leave to their own retry policy.
    Slack slack = Slack.getInstance(slackConfig,
        new SlackHttpClient(http.newBuilder().retryOnConnectionFailure(true).build()));
    MethodsClient methods = slack.methods(config.slackBotToken().reveal());
    SlackMessenger messenger = new SlackMessenger(methods);

    SlackApprovers approvers =
        new SlackApprovers(methods, config.approverGroup(), config.approvalChannel(), APPROVER_CACHE);
    ApprovalChannelGuard channelGuard = config.approverGroup().isPresent() ? null
        : new ApprovalChannelGuard(new ApprovalChannelCheck(Slack.getInstance(slackConfig,
            new SlackHttpClient(http.newBuilder().callTimeout(CHANNEL_CHECK_TIMEOUT).build()))
            .methods(config.slackBotToken().reveal()), config.approvalChannel()), approvers);
    if (channelGuard != null) {
      try {
        channelGuard.atStartUp();
      } catch (ApprovalChannelGuard.UnsafeChannelException e) {
        throw new ConfigException(List.of(e.getMessage()));
      }
    }
    RequestService service = new RequestService(requests, audit, approvers,
        new RequestValidator(config.dockerhubOrg()), projectLookup(config, http, clock), config.credentialKinds(),
        config.dryRun(), clock);
    RunStore runs = new JdbcRunStore(database.dataSource());
    String instance = instanceName();
    ScheduledExecutorService outbox =
        Executors.newSingleThreadScheduledExecutor(named("slack-outbox"));
    NoticeRelay notices = new NoticeRelay(new JdbcNotices(database.dataSource()),
        new SlackNoticeSender(messenger, requests), outbox, instance);
    started.push(() -> {
      notices.close();
      outbox.shutdown();
      outbox.awaitTermination(2, TimeUnit.SECONDS);
    });
    RequestAnnouncer announcer = new RequestAnnouncer(messenger, requests, runs,
        config.approvalChannel(),
        new ApprovalCard.Setting(config.dockerhubOrg(), config.dockerhubTeam().orElse("")),
        notices, clock);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("scheduler"));
    started.push(scheduler::shutdownNow);
    CardUpdates cards = new CardUpdates(announcer::refreshCard,
        (task, delay) -> scheduler.schedule(() -> async.run("rewriting a card", task),
            delay.toMillis(), TimeUnit.MILLISECONDS),
        clock, tuning.cardInterval());

    SecretLinkStore linkStore = new JdbcSecretLinkStore(database.dataSource());
    RequestThreads threads = requestId -> requests.find(requestId)
        .flatMap(request -> request.card())
        .map(card -> new RequestThreads.ThreadRef(card.channel(), card.ts()));
    SlackSecretLinkNotifier linkEvents = new SlackSecretLinkNotifier(methods, threads, work);
    secretLinks = new SecretLinks(linkStore, audit, linkEvents, clock, new SecureRandom(),
        config.publicBaseUrl().toString());

    ExecutorService runsPool = Executors.newFixedThreadPool(4, named("provisioning"));
    ExecutorService callsPool = Executors.newFixedThreadPool(4, named("api-calls"));
    ScheduledExecutorService heartbeats =
        Executors.newSingleThreadScheduledExecutor(named("run-heartbeat"));
    CredentialStore credentials = new JdbcCredentialStore(database.dataSource());
    Steps steps = steps(config, tuning, http, clock, runs, credentials, audit, callsPool,
        new SecretLinkMessenger(methods, config.slackBotToken().reveal()));
    SlackProgress progress = new SlackProgress(cards, notices);
    ProvisioningRunner runner = new ProvisioningRunner(requests, runs, steps.plans(), progress,
        runsPool, heartbeats, Sleeper.REAL, clock, tuning.runner(), instance);
    started.push(() -> {
      runner.close();
      http.dispatcher().cancelAll(); // a step cut short resumes at the next start-up
      runsPool.shutdownNow();
      callsPool.shutdownNow();
      runsPool.awaitTermination(5, TimeUnit.SECONDS);
      heartbeats.shutdownNow();
    });
    RunControl control = new RunControl(requests, runner, runs, approvers, steps.signUp(),
        progress, audit, work, clock);
    DecisionReplies replies = new DecisionReplies(announcer, runner);

    AppConfig.AppConfigBuilder appConfig = AppConfig.builder()
        .slack(slack)
        .singleTeamBotToken(config.slackBotToken().reveal());
    config.slackSigningSecret().ifPresent(secret -> appConfig.signingSecret(secret.reveal()));
    App app = new App(appConfig.build());
    RequestQueries queries = new RequestQueries(requests, runs);
    new Listeners(
        new DockerhubUserCommand(queries, config.dryRun(), config.credentialKinds()),
        new RequestModalSubmission(service, announcer, async),
        new CardButton("Approve", (id, user) ->
            CompletableFuture.completedFuture(replies.handle(service.approve(id, user))), async),
        new RejectButton(requests, async),
        new RejectReasonSubmission(service, replies, messenger, config.approvalChannel(), async),
        new AppHomeOpened(queries, methods, async),
        new CardButton("Retry", control::retry, async),
        new CardButton("Sign-up check", control::signedUp, async),
        new CardButton("Sign-up details again", control::sendSignUpAgain, async),
        new CardButton("Membership check", control::checkNow, async),
        new CardButton("Replace variables", control::replaceVariables, async))
        .register(app);

    ExpiredLinkPurger purger = new ExpiredLinkPurger(linkStore, audit, linkEvents, scheduler,
        clock, ExpiredLinkPurger.DEFAULT_INTERVAL);
    started.push(purger);

    List<Routes> routes = new ArrayList<>();
    routes.add(new HealthRoutes(List.of(database, approvers)));
    routes.add(new SecretLinkRoutes(secretLinks, ClaimRateLimiter.defaults()));
    if (!config.socketMode()) {
      app.start(); // auth.test now, so that a bad token stops start-up instead of the first click
      started.push(app::stop);
      BoltHandler bolt = new BoltHandler(app,
          new RequestSignature(config.slackSigningSecret().orElseThrow().reveal(), clock));
      routes.add(r -> r.post("/slack/events", bolt));
    }
    web = new WebServer(config.port(), new ClientAddress(config.trustedProxyHops()), routes)
        .start();
    started.push(web);
    awaitMigration(migrated);
    if (config.socketMode()) {
      startSocketMode(config, app); // takes requests at once, so only after the migration
    }
    if (config.database().isEmbedded()) {
      // No other process can open this file: every lease in it is a dead one.
      runs.releaseAll();
      requests.releaseCardLeases();
    }
    purger.start();
    if (channelGuard != null) {
      scheduler.scheduleWithFixedDelay(() -> async.run("checking the approval channel",
          channelGuard::recheck), tuning.channelRecheck().toMillis(),
          tuning.channelRecheck().toMillis(), TimeUnit.MILLISECONDS);
    }
    notices.start(NOTICE_SWEEP, config.database().isEmbedded());
    scheduler.scheduleWithFixedDelay(
        () -> async.run("repairing cards", announcer::repairCards),
        0, CARD_SWEEP.toSeconds(), TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> async.run("resuming runs", runner::resumeDue),
        0, tuning.resumeInterval().toMillis(), TimeUnit.MILLISECONDS);
    web.ready();

    log.info("Credential kinds: {}", config.credentialKinds().describe());
    log.info("dockerhub-user-bot serving on port {} after {} ms ({})", web.port(),
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), config);
  }

  /** The form's CircleCI check: one try, well inside the three seconds Slack gives the ack. */
  private static CircleCiProjectLookup projectLookup(Config config, OkHttpClient http, Clock clock) {
    OkHttpClient quick = http.newBuilder().callTimeout(PROJECT_LOOKUP_TIMEOUT).build();
    return new CircleCiProjectLookup(new CircleCiClient(HttpUrl.get(config.circleciApiUrl()), quick,
        new CircleCiToken(config.circleciToken().reveal()), config.dryRun(), RetryPolicy.none(),
        Sleeper.REAL, clock));
  }

  /** The API clients and the steps of both credential kinds. */
  /** Every step of both plans; the sign-up step also serves a button beside the run. */
  private record Steps(Plans plans, SignUpDetails signUp) {}

  private Steps steps(Config config, Tuning tuning, OkHttpClient http, Clock clock, RunStore runs,
      CredentialStore credentials, AuditLog audit, ExecutorService calls,
      SecretLinkMessenger linkMessenger) {
    OkHttpClient apiHttp = http.newBuilder().readTimeout(tuning.apiReadTimeout()).build();
    DockerHubCredential admin = config.dockerhubAdmin()
        instanceof Config.AdminCredential.OwnerPassword owner
        ? new DockerHubCredential.Password(owner.username(), owner.password().reveal())
        : new DockerHubCredential.OrganizationToken(config.dockerhubOrg(),
            ((Config.AdminCredential.OrganisationToken) config.dockerhubAdmin()).token().reveal());
    CircleCiToken circleToken = new CircleCiToken(config.circleciToken().reveal());
    HttpUrl hubUrl = HttpUrl.get(config.dockerhubApiUrl());
    HttpUrl circleUrl = HttpUrl.get(config.circleciApiUrl());
    DockerHubClient dryHub = new DockerHubClient(hubUrl, apiHttp, admin, true,
        tuning.apiRetries(), Sleeper.REAL, clock);
    CircleCiClient dryCircleci = new CircleCiClient(circleUrl, apiHttp, circleToken, true,
        tuning.apiRetries(), Sleeper.REAL, clock);
    Apis apis = config.dryRun() ? new Apis(dryHub, dryHub, dryCircleci, dryCircleci) : new Apis(
        new DockerHubClient(hubUrl, apiHttp, admin, false, tuning.apiRetries(), Sleeper.REAL, clock),
        dryHub,
        new CircleCiClient(circleUrl, apiHttp, circleToken, false, tuning.apiRetries(),
            Sleeper.REAL, clock),
        dryCircleci);
    KeptSecrets kept = new KeptSecrets(new JdbcKeptSecretStore(database.dataSource()),
        new DataEncryption(config.dataEncryptionKey()
            .flatMap(key -> DataEncryption.parseKey(key.reveal()))),
        audit, clock);
    ProvisioningSettings settings = ProvisioningSettings.of(config.dockerhubOrg(),
        config.dockerhubTeam().orElse(""), config.serviceEmailTemplate().orElse(""),
        config.approvalChannel(), config.secretLinkTtl(), tuning.pollBase());
    FreshTokens tokens = new FreshTokens(Duration.ofDays(30));
    ApproverLinks links = new ApproverLinks(secretLinks, linkMessenger, settings);
    SendSignUp signUp = new SendSignUp(kept, links);
    return new Steps(new Plans(List.of(
        new GenerateIdentity(runs, kept, new SecureRandom(), settings),
        signUp,
        new VerifySignUp(apis, kept),
        new CreatePersonalToken(apis, kept, credentials, tokens),
        new CreateOrgToken(apis, credentials, tokens, settings),
        new WriteCircleCiVariables(apis, tokens, credentials, settings, calls),
        new InviteToTeam(apis, settings),
        new AwaitMembership(apis, settings),
        new DeliverCredentials(tokens, kept, links, config.dockerhubOrg()))), signUp);
  }

  private void startSocketMode(Config config, App app) {
    try {
      SocketModeApp socketMode = new SocketModeApp(config.slackAppToken().orElseThrow().reveal(),
          SocketModeClient.Backend.JavaWebSocket, app);
      socketMode.startAsync();
      started.push(socketMode::close);
    } catch (Exception e) {
      throw new IllegalStateException("Socket Mode could not start: " + e.getMessage(), e);
    }
  }

  private static void startupThread(Runnable task) {
    Thread thread = new Thread(task, "startup-migration");
    thread.setDaemon(true);
    thread.start();
  }

  private static void awaitMigration(CompletableFuture<Void> migrated) {
    try {
      migrated.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** {@code host:pid}: names this process in lease owners, for people and tests. */
  private static String instanceName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown";
    }
    String name = host + ":" + ProcessHandle.current().pid();
    return name.length() <= 80 ? name : name.substring(name.length() - 80);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public int port() {
    return web.port();
  }

  public Database database() {
    return database;
  }

  public SecretLinks secretLinks() {
    return secretLinks;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        log.warn("Stopping {} failed: {}", e.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}

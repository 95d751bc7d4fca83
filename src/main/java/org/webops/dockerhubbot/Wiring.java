package org.webops.dockerhubbot;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
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
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webops.dockerhubbot.audit.AuditLog;
import org.webops.dockerhubbot.http.HttpClients;
import org.webops.dockerhubbot.http.Sleeper;
import org.webops.dockerhubbot.drift.DriftCheck;
import org.webops.dockerhubbot.drift.DriftReporting;
import org.webops.dockerhubbot.drift.DriftSettings;
import org.webops.dockerhubbot.health.CircleCiTokenCheck;
import org.webops.dockerhubbot.health.CredentialHealth;
import org.webops.dockerhubbot.lifecycle.CredentialActions;
import org.webops.dockerhubbot.lifecycle.LifecycleSweep;
import org.webops.dockerhubbot.http.CallMeter;
import org.webops.dockerhubbot.metrics.Metrics;
import org.webops.dockerhubbot.notices.NoticeRelay;
import org.webops.dockerhubbot.provisioning.OperationRunner;
import org.webops.dockerhubbot.provisioning.RunControl;
import org.webops.dockerhubbot.provisioning.RunMeter;
import org.webops.dockerhubbot.provisioning.RunStore;
import org.webops.dockerhubbot.secretlinks.ClaimRateLimiter;
import org.webops.dockerhubbot.secretlinks.DataEncryption;
import org.webops.dockerhubbot.secretlinks.ExpiredLinkPurger;
import org.webops.dockerhubbot.secretlinks.KeptSecrets;
import org.webops.dockerhubbot.secretlinks.LinkNotices;
import org.webops.dockerhubbot.secretlinks.SecretLinkEvents;
import org.webops.dockerhubbot.secretlinks.SecretLinkStore;
import org.webops.dockerhubbot.secretlinks.SecretLinks;
import org.webops.dockerhubbot.slack.AsyncWork;
import org.webops.dockerhubbot.slack.CardUpdates;
import org.webops.dockerhubbot.slack.RequestAnnouncer;
import org.webops.dockerhubbot.slack.SlackLinkDelivery;
import org.webops.dockerhubbot.slack.SlackMessenger;
import org.webops.dockerhubbot.slack.SlackNoticeSender;
import org.webops.dockerhubbot.slack.SlackProgress;
import org.webops.dockerhubbot.slack.blocks.ApprovalCard;
import org.webops.dockerhubbot.slack.commands.RequestQueries;
import org.webops.dockerhubbot.storage.Database;
import org.webops.dockerhubbot.storage.JdbcAuditLog;
import org.webops.dockerhubbot.storage.JdbcCardStore;
import org.webops.dockerhubbot.storage.JdbcCredentialStatuses;
import org.webops.dockerhubbot.storage.JdbcCredentialStore;
import org.webops.dockerhubbot.storage.JdbcDriftReports;
import org.webops.dockerhubbot.storage.JdbcKeptSecretStore;
import org.webops.dockerhubbot.storage.JdbcNotices;
import org.webops.dockerhubbot.storage.JdbcOccurrences;
import org.webops.dockerhubbot.storage.JdbcRequestCounts;
import org.webops.dockerhubbot.storage.JdbcRequestRepository;
import org.webops.dockerhubbot.storage.JdbcRunStore;
import org.webops.dockerhubbot.storage.JdbcSecretLinkStore;
import org.webops.dockerhubbot.web.BoltHandler;
import org.webops.dockerhubbot.web.ClientAddress;
import org.webops.dockerhubbot.web.HealthRoutes;
import org.webops.dockerhubbot.web.MetricsRoutes;
import org.webops.dockerhubbot.web.RequestTimer;
import org.webops.dockerhubbot.web.RequestSignature;
import org.webops.dockerhubbot.web.Routes;
import org.webops.dockerhubbot.web.SecretLinkRoutes;
import org.webops.dockerhubbot.web.WebServer;
import org.webops.dockerhubbot.workflow.Authority;
import org.webops.dockerhubbot.workflow.CardStore;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestService;
import org.webops.dockerhubbot.workflow.RequestValidator;

/**
 * Every {@code new} of the application, in one place (with {@link SlackWiring} and {@link
 * RunWiring}); closing it stops everything it started.
 */
public final class Wiring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);
  private static final Duration CARD_SWEEP = Duration.ofMinutes(1);
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
    Clock clock = tuning.clock();
    // Metrics only when someone may read them: without METRICS_TOKEN nothing is counted.
    Optional<Metrics> metrics = config.metricsToken().map(token -> Metrics.start());
    metrics.ifPresent(started::push);
    CallMeter apiCalls = metrics.map(Metrics::apiCalls).orElse(CallMeter.NONE);
    database = Database.connect(config.database(), metrics.map(Metrics::hikari));
    started.push(database);
    // Migrating (H2 or PostgreSQL, Flyway) is the slowest part of start-up and needs nothing
    // else: it starts first and runs beside the HTTP, Slack and web set-up, and the server
    // answers only once it is done.
    CompletableFuture<Void> migrated =
        CompletableFuture.runAsync(database::migrate, Wiring::startupThread);
    OkHttpClient http = HttpClients.shared();
    started.push(() -> {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    });
    DataSource data = database.dataSource();
    RequestRepository requests = new JdbcRequestRepository(data);
    CardStore cardStore = new JdbcCardStore(data);
    RunStore runs = new JdbcRunStore(data);
    AuditLog audit = new JdbcAuditLog(data);
    JdbcNotices outbox = new JdbcNotices(data);
    String instance = instanceName();

    ExecutorService work = Executors.newFixedThreadPool(4, named("slack-work"));
    started.push(() -> {
      work.shutdown();
      work.awaitTermination(5, TimeUnit.SECONDS);
    });
    AsyncWork async = new AsyncWork(work);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(named("scheduler"));
    started.push(scheduler::shutdownNow);

    SlackWiring slack = SlackWiring.connect(config, http,
        metrics.map(m -> m.slackCalls(config.slackApiUrl())));
    SlackMessenger messenger = slack.messenger();
    ScheduledExecutorService relayThread =
        Executors.newSingleThreadScheduledExecutor(named("slack-outbox"));
    NoticeRelay notices = new NoticeRelay(outbox, new SlackNoticeSender(messenger, requests,
        config.approvalChannel()), relayThread, instance);
    started.push(() -> {
      notices.close();
      relayThread.shutdown();
      relayThread.awaitTermination(2, TimeUnit.SECONDS);
    });
    RequestAnnouncer announcer = new RequestAnnouncer(messenger, requests, cardStore, runs,
        config.approvalChannel(),
        new ApprovalCard.Setting(config.dockerhubOrg(), config.dockerhubTeam().orElse("")),
        clock);
    CardUpdates cards = new CardUpdates(announcer::refreshCard,
        CardUpdates.Scheduler.on(scheduler, async), clock, tuning.cardInterval());
    SlackProgress progress = new SlackProgress(cards, notices);

    SecretLinkStore linkStore = new JdbcSecretLinkStore(data);
    LinkNotices linkNotices = new LinkNotices(outbox, notices::nudge);
    SecretLinkEvents linkEvents =
        metrics.map(m -> m.countingLinks(linkNotices)).orElse(linkNotices);
    secretLinks = new SecretLinks(linkStore, audit, linkEvents, clock, new SecureRandom(),
        config.publicBaseUrl().toString());
    KeptSecrets kept = new KeptSecrets(new JdbcKeptSecretStore(data), new DataEncryption(
        config.dataEncryptionKey().flatMap(key -> DataEncryption.parseKey(key.reveal()))),
        audit, clock);

    ExecutorService runsPool = Executors.newFixedThreadPool(4, named("provisioning"));
    ExecutorService callsPool = Executors.newFixedThreadPool(4, named("api-calls"));
    ScheduledExecutorService heartbeats =
        Executors.newSingleThreadScheduledExecutor(named("run-heartbeat"));
    JdbcCredentialStore credentials = new JdbcCredentialStore(data);
    RunWiring run = RunWiring.build(config, tuning, http, clock, new RunWiring.Stores(
        credentials, runs, kept, secretLinks,
        new SlackLinkDelivery(messenger, config.approvalChannel())), callsPool, apiCalls);
    OperationRunner runner = new OperationRunner(requests, runs, run.plans(), progress,
        runsPool, heartbeats, Sleeper.REAL, clock, tuning.runner(), instance,
        metrics.map(Metrics::runs).orElse(RunMeter.NONE));
    started.push(() -> {
      runner.close();
      http.dispatcher().cancelAll(); // a step cut short resumes at the next start-up
      runsPool.shutdownNow();
      callsPool.shutdownNow();
      runsPool.awaitTermination(5, TimeUnit.SECONDS);
      heartbeats.shutdownNow();
    });
    Authority authority = new Authority(slack.approvers());
    RequestService service = new RequestService(requests, audit, authority,
        new RequestValidator(config.dockerhubOrg()),
        RunWiring.projectLookup(config, http, clock, apiCalls),
        config.credentialKinds(), runner, progress, config.dryRun(), clock);
    RunControl control = new RunControl(requests, runner, runs, authority, run.signUp(),
        progress, audit, work, clock);

    App app = slack.app(config);
    CredentialActions credentialActions = new CredentialActions(requests, runs, authority,
        runner, progress, audit, clock);
    DriftReporting drift = new DriftReporting(new DriftCheck(requests, credentials, runs,
        run.apis().hub(), run.apis().circleci(), driftSettings(config), clock),
        new JdbcDriftReports(data), authority, audit, notices::nudge, clock);
    slack.listeners(config, new SlackWiring.Services(service, control, credentialActions,
        requests, new RequestQueries(requests, runs, new JdbcCredentialStore(data), audit,
            slack.approvers(), clock), announcer, drift, async)).register(app);
    LifecycleSweep lifecycle = new LifecycleSweep(requests, runs, new JdbcOccurrences(data),
        credentialActions, progress, config.lifecycle(), config.approverGroup(), clock);

    ExpiredLinkPurger purger = new ExpiredLinkPurger(linkStore, audit, linkEvents, scheduler,
        clock, ExpiredLinkPurger.DEFAULT_INTERVAL);
    started.push(purger);

    CredentialHealth credentialHealth = new CredentialHealth(List.of(
        RunWiring.adminCheck(config, tuning, http, clock),
        new CircleCiTokenCheck(run.apis().circleci()), slack.tokenCheck()),
        new JdbcCredentialStatuses(data), notices::nudge, clock);

    List<Routes> routes = new ArrayList<>();
    routes.add(new HealthRoutes(List.of(database, slack.approvers(), credentialHealth)));
    routes.add(new SecretLinkRoutes(secretLinks, ClaimRateLimiter.defaults()));
    metrics.ifPresent(m -> {
      m.bindRequests(new JdbcRequestCounts(data), clock);
      routes.add(new MetricsRoutes(config.metricsToken().orElseThrow().reveal(), m::scrape));
    });
    if (!config.socketMode()) {
      app.start(); // auth.test now, so that a bad token stops start-up instead of the first click
      started.push(app::stop);
      // Slack stamps its requests with wall-clock time and Bolt checks them against the system
      // clock: so does this check, whatever the injected clock (which tests move) says.
      BoltHandler bolt = new BoltHandler(app, new RequestSignature(
          config.slackSigningSecret().orElseThrow().reveal(), Clock.systemUTC()));
      routes.add(r -> r.post("/slack/events", bolt));
    }
    web = new WebServer(config.port(), new ClientAddress(config.trustedProxyHops()), routes,
        metrics.<RequestTimer>map(m -> m::serverRequest).orElse(RequestTimer.NONE)).start();
    started.push(web);
    metrics.ifPresent(m -> m.bindJetty(web.jetty()));
    awaitMigration(migrated);
    if (config.socketMode()) {
      startSocketMode(config, app); // takes requests at once, so only after the migration
    }
    if (config.database().isEmbedded()) {
      // No other process can open this file: every lease in it is a dead one.
      runs.releaseAll();
      cardStore.releaseCardLeases();
    }
    purger.start();
    slack.channelGuard().ifPresent(guard -> scheduler.scheduleWithFixedDelay(
        () -> async.run("checking the approval channel", guard::recheck),
        tuning.channelRecheck().toMillis(), tuning.channelRecheck().toMillis(),
        TimeUnit.MILLISECONDS));
    notices.start(NOTICE_SWEEP, config.database().isEmbedded());
    scheduler.scheduleWithFixedDelay(
        () -> async.run("repairing cards", announcer::repairCards),
        0, CARD_SWEEP.toSeconds(), TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> async.run("resuming runs", runner::resumeDue),
        0, tuning.resumeInterval().toMillis(), TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> async.run("looking after credentials", lifecycle::sweep),
        0, tuning.lifecycleInterval().toMillis(), TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> async.run("the daily drift check", drift::daily),
        0, tuning.lifecycleInterval().toMillis(), TimeUnit.MILLISECONDS);
    // At once (off the start-up path: /health answers "checking" meanwhile), then daily.
    scheduler.scheduleWithFixedDelay(
        () -> async.run("checking the bot's own credentials", credentialHealth::tick),
        0, tuning.lifecycleInterval().toMillis(), TimeUnit.MILLISECONDS);
    web.ready();

    log.info("Credential kinds: {}", config.credentialKinds().describe());
    log.info("dockerhub-user-bot serving on port {} after {} ms ({})", web.port(),
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), config);
  }

  /** What the drift check looks at: organisation tokens only when the admin may list them. */
  private static DriftSettings driftSettings(Config config) {
    Optional<String> admin = config.dockerhubAdmin()
        instanceof Config.AdminCredential.OwnerPassword owner
        ? Optional.of(owner.username()) : Optional.empty();
    return new DriftSettings(config.dockerhubOrg(), config.dockerhubTeam(), admin.isPresent(),
        admin);
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

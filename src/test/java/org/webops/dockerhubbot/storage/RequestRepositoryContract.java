package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.audit.AuditEvent;
import org.webops.dockerhubbot.audit.AuditTrail;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.notices.Prewritten;
import org.webops.dockerhubbot.provisioning.StepId;
import org.webops.dockerhubbot.provisioning.StepRecord;
import org.webops.dockerhubbot.provisioning.StepStatus;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.MessageRef;
import org.webops.dockerhubbot.workflow.ProjectIds;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestRepository.PipelineTakenException;
import org.webops.dockerhubbot.workflow.RequestRepository;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.CardStore;
import org.webops.dockerhubbot.workflow.Move;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.Transition;
import org.webops.dockerhubbot.workflow.TokenScope;
import org.webops.dockerhubbot.workflow.VariableClaim;

/** What every {@link RequestRepository} must do; run against H2 and PostgreSQL. */
abstract class RequestRepositoryContract {
  private static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");

  @TempDir Path dir;
  private Database db;
  private RequestRepository requests;
  private CardStore cards;
  private JdbcAuditLog audit;

  abstract Database openDatabase(Path dir);

  @BeforeEach
  void open() {
    db = openDatabase(dir);
    requests = new JdbcRequestRepository(db.dataSource());
    cards = new JdbcCardStore(db.dataSource());
    audit = new JdbcAuditLog(db.dataSource());
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  static RequestSpec spec(String pipeline) {
    return new RequestSpec(pipeline, CredentialKind.ORG_TOKEN, TokenScope.READ_WRITE,
        List.of("*/*/public", "example/*"), Optional.of("docker-hub"), "HUB_USER", "HUB_TOKEN",
        180, "Pulls base images.\nSecond line.");
  }

  private ProvisioningRequest create(String requester, Optional<String> origin, RequestSpec spec,
      boolean dryRun, Instant now) {
    return requests.create(new RequestRepository.NewRequest(requester, origin, spec, dryRun, now,
        Optional.empty(), List.of(), id -> List.of()));
  }

  private ProvisioningRequest create(RequestSpec spec, Optional<ProjectIds> project,
      List<VariableClaim> claims) {
    return requests.create(new RequestRepository.NewRequest("U1", Optional.empty(), spec, false,
        NOW, project, claims, id -> List.of(Notice.requester(id, new Prewritten("request #" + id + " stored")))));
  }

  @Test
  void create_thenFind_roundTripsEveryFieldWithAuditRow() {
    // when
    ProvisioningRequest created = create("U1", Optional.of("C1"), spec("gh/org/app"), true, NOW);

    // then
    ProvisioningRequest found = requests.find(created.id()).orElseThrow();
    assertThat(found).isEqualTo(created);
    assertThat(found.spec()).isEqualTo(spec("gh/org/app"));
    assertThat(found.requester()).isEqualTo("U1");
    assertThat(found.originChannel()).contains("C1");
    assertThat(found.dryRun()).isTrue();
    assertThat(found.state()).isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(found.decision()).isEmpty();
    assertThat(found.card()).isEmpty();
    assertThat(found.createdAt()).isEqualTo(NOW);
    assertThat(audit.forRequest(created.id())).extracting(AuditEvent::action).containsExactly("REQUESTED");
  }

  @Test
  void create_samePipelineOtherCase_refused() {
    create("U1", Optional.empty(), spec("gh/org/app"), false, NOW);

    assertThatThrownBy(() -> create("U2", Optional.empty(), spec("gh/ORG/App"), false, NOW))
        .isInstanceOf(PipelineTakenException.class);
    assertThat(TestDatabases.countRows(db, "requests")).isEqualTo(1);
  }

  @Test
  void create_sameProjectUnderAnotherSlugForm_refused() {
    create("U1", Optional.empty(), spec("gh/org/app"), false, NOW);

    assertThatThrownBy(() -> create("U2", Optional.empty(), spec("github/Org/app"), false, NOW))
        .isInstanceOf(PipelineTakenException.class);
    assertThat(create("U2", Optional.empty(), spec("bitbucket/org/app"), false, NOW).state())
        .as("another VCS is another project").isEqualTo(RequestState.PENDING_APPROVAL);
  }

  @Test
  void create_sameCircleCiProjectIdUnderAnotherSlug_refusedAndFoundByEither() {
    ProjectIds ids = new ProjectIds("6f1c3f5e-0000-4000-8000-000000000001", Optional.of("org-1"));
    long id = create(spec("gh/org/app"), Optional.of(ids), List.of()).id();

    assertThatThrownBy(() -> create(spec("circleci/AbCdEf/GhIjKl"), Optional.of(ids), List.of()))
        .isInstanceOf(PipelineTakenException.class);
    assertThat(requests.findLive("circleci/AbCdEf/GhIjKl", Optional.of(ids.projectId())))
        .map(ProvisioningRequest::id).contains(id);
    assertThat(requests.find(id).orElseThrow().project()).contains(ids);
  }

  @Test
  void create_contextVariablesClaimedByAnotherLiveRequest_refusedUntilThatOneEnds() {
    List<VariableClaim> claims = List.of(new VariableClaim("context:org:github/org/docker", "A"),
        new VariableClaim("context:org:github/org/docker", "B"));
    long owner = create(spec("gh/org/app"), Optional.empty(), claims).id();

    assertThatThrownBy(() -> create(spec("gh/org/other"), Optional.empty(),
        List.of(new VariableClaim("context:org:github/org/docker", "B"))))
        .isInstanceOf(RequestRepository.VariablesTakenException.class);
    assertThat(requests.claimant(List.of(new VariableClaim("context:org:github/org/docker", "B"))))
        .map(ProvisioningRequest::id).contains(owner);
    assertThat(TestDatabases.countRows(db, "requests")).isEqualTo(1);

    requests.apply(owner, Transition.REJECT, Move.by("U2", NOW, "no").noting("no"));
    assertThat(requests.claimant(claims)).isEmpty();
    assertThat(create(spec("gh/org/other"), Optional.empty(), claims).id()).isNotEqualTo(owner);
  }

  @Test
  void createAndTransition_writeTheirNoticesInTheSameTransaction() {
    long id = create(spec("gh/org/app"), Optional.empty(), List.of()).id();
    requests.apply(id, Transition.APPROVE, Move.by("U2", NOW, "").alsoTelling(Notice.requester(id, new Prewritten("approved"))));
    // a transition that loses writes none
    requests.apply(id, Transition.REJECT, Move.by("U3", NOW, "late").noting("late").alsoTelling(Notice.requester(id, new Prewritten("lost"))));

    String outbox = TestDatabases.dumpTable(db, "outbox");
    assertThat(outbox).contains("\"text\":\"request #" + id + " stored\"", "\"text\":\"approved\"")
        .doesNotContain("lost");
  }

  @Test
  void create_tenConcurrentForOnePipeline_exactlyOneStored() throws Exception {
    List<Boolean> results = concurrently(10, () -> {
      try {
        create("U1", Optional.empty(), spec("gh/org/race"), false, NOW);
        return true;
      } catch (PipelineTakenException e) {
        return false;
      }
    });

    assertThat(results).containsOnlyOnce(true);
    assertThat(TestDatabases.countRows(db, "requests")).isEqualTo(1);
  }

  @Test
  void transition_tenConcurrentApprovals_exactlyOneWinsAndOneAuditRow() throws Exception {
    // given
    long id = create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id();

    // when
    List<Boolean> results = concurrently(10, () -> requests.apply(id, Transition.APPROVE, Move.by("U2", NOW, "")));

    // then
    assertThat(results).containsOnlyOnce(true);
    assertThat(audit.forRequest(id)).extracting(AuditEvent::action).containsExactly("REQUESTED", "APPROVED");
    ProvisioningRequest approved = requests.find(id).orElseThrow();
    assertThat(approved.state()).isEqualTo(RequestState.APPROVED);
    assertThat(approved.decision()).contains(new Decision("U2", NOW, Optional.empty()));
    assertThat(requests.findLive("gh/org/app", Optional.empty())).isPresent();
  }

  @Test
  void transition_toRejected_freesPipelineForANewRequest() {
    // given
    long id = create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id();

    // when
    boolean changed = requests.apply(id, Transition.REJECT, Move.by("U2", NOW, "no").noting("no"));

    // then
    assertThat(changed).isTrue();
    assertThat(requests.find(id).orElseThrow().decision().orElseThrow().note()).contains("no");
    assertThat(requests.findLive("gh/org/app", Optional.empty())).isEmpty();
    assertThat(create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id()).isNotEqualTo(id);
  }

  @Test
  void transition_fromWrongState_changesNothingAndWritesNoAudit() {
    long id = create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id();

    boolean changed = requests.apply(id, Transition.FINISH, Move.by("U2", NOW, ""));

    assertThat(changed).isFalse();
    assertThat(requests.find(id).orElseThrow().state()).isEqualTo(RequestState.PENDING_APPROVAL);
    assertThat(audit.forRequest(id)).hasSize(1);
  }

  @Test
  void attachCard_thenFind_cardKnown() {
    long id = create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id();

    cards.attachCard(id, new MessageRef("C9", "1700000000.000200"), RequestState.PENDING_APPROVAL);

    assertThat(requests.find(id).orElseThrow().card()).contains(new MessageRef("C9", "1700000000.000200"));
  }

  @Test
  void leaseCard_creatorHoldsItThenOneOfManyPostersUntilExpiryOrRelease() throws Exception {
    // given: the creator holds the lease for CARD_LEASE
    long id = create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id();
    Instant expired = NOW.plus(CardStore.CARD_LEASE).plusSeconds(1);
    assertThat(cards.leaseCard(id, NOW.plusSeconds(10), NOW.plusSeconds(40))).isFalse();
    assertThat(cards.withoutCard(NOW.plusSeconds(10), 10)).isEmpty();

    // when: the creator's lease has run out and ten sweepers try at once
    assertThat(cards.withoutCard(expired, 10)).extracting(ProvisioningRequest::id).containsExactly(id);
    List<Boolean> leases = concurrently(10, () -> cards.leaseCard(id, expired, expired.plusSeconds(30)));

    // then
    assertThat(leases).containsOnlyOnce(true);
    assertThat(cards.withoutCard(expired.plusSeconds(10), 10)).isEmpty();
    cards.releaseCardLease(id);
    assertThat(cards.leaseCard(id, expired.plusSeconds(11), expired.plusSeconds(41))).isTrue();
  }

  @Test
  void leaseCard_cardAlreadyAttached_refusedAndNotListed() {
    long id = create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id();
    cards.attachCard(id, new MessageRef("C9", "1.2"), RequestState.PENDING_APPROVAL);

    assertThat(cards.leaseCard(id, NOW, NOW.plusSeconds(30))).isFalse();
    assertThat(cards.withoutCard(NOW, 10)).isEmpty();
  }

  @Test
  void withStaleCard_decidedAfterThePost_listedUntilTheCardShowsTheNewState() {
    // given: a card showing the pending request, then a decision
    long id = create("U1", Optional.empty(), spec("gh/org/app"), false, NOW).id();
    long other = create("U1", Optional.empty(), spec("gh/org/other"), false, NOW).id();
    cards.attachCard(id, new MessageRef("C9", "1.2"), RequestState.PENDING_APPROVAL);
    cards.attachCard(other, new MessageRef("C9", "1.3"), RequestState.PENDING_APPROVAL);
    assertThat(cards.withStaleCard(10)).isEmpty();
    requests.apply(id, Transition.APPROVE, Move.by("U2", NOW, ""));

    // when / then
    assertThat(cards.withStaleCard(10)).extracting(ProvisioningRequest::id).containsExactly(id);
    JdbcRunStore runs = new JdbcRunStore(db.dataSource());
    cards.cardShows(id, RequestState.APPROVED, runs.ofRequest(id).progress());
    assertThat(cards.withStaleCard(10)).isEmpty();

    // a step changes: the card is stale again until it shows the new progress
    long operation = runs.latest(id).orElseThrow().id();
    assertThat(runs.lease(operation, "runner", java.time.Duration.ofMinutes(1))).isTrue();
    runs.record(new org.webops.dockerhubbot.provisioning.RunLease(operation, id, "runner",
            java.time.Duration.ofMinutes(1), System.nanoTime()),
        new StepRecord(StepId.CREATE_ORG_TOKEN, StepStatus.RUNNING, Prose.of(""), Map.of(), NOW), List.of());
    assertThat(cards.withStaleCard(10)).extracting(ProvisioningRequest::id).containsExactly(id);
    cards.cardShows(id, RequestState.APPROVED, runs.ofRequest(id).progress());
    assertThat(cards.withStaleCard(10)).isEmpty();
  }

  @Test
  void mineOrPending_newestFirstWithinLimit() {
    long first = create("U1", Optional.empty(), spec("gh/org/one"), false, NOW).id();
    long second = create("U1", Optional.empty(), spec("gh/org/two"), false, NOW.plus(1, ChronoUnit.MINUTES)).id();
    long other = create("U2", Optional.empty(), spec("gh/org/three"), false, NOW).id();
    long decided = create("U2", Optional.empty(), spec("gh/org/four"), false, NOW).id();
    requests.apply(decided, Transition.APPROVE, Move.by("U3", NOW, ""));

    assertThat(requests.mineOrPending("U1", 10)).extracting(ProvisioningRequest::id)
        .containsExactly(other, second, first);
    assertThat(requests.mineOrPending("U1", 1)).extracting(ProvisioningRequest::id)
        .as("at most one of each kind").containsExactly(other, second);
  }

  @Test
  void credentials_liveRotatingAndExpired_soonestExpiryFirstThoseWithoutLastOthersLeftOut() {
    // given
    long later = create("U1", Optional.empty(), spec("gh/org/later"), false, NOW).id();
    long dryRun = create("U1", Optional.empty(), spec("gh/org/dry"), true, NOW).id();
    long expired = create("U1", Optional.empty(), spec("gh/org/expired"), false, NOW).id();
    long rotating = create("U1", Optional.empty(), spec("gh/org/rotating"), false, NOW).id();
    long pending = create("U1", Optional.empty(), spec("gh/org/pending"), false, NOW).id();
    long revoked = create("U1", Optional.empty(), spec("gh/org/revoked"), false, NOW).id();
    credential(later, RequestState.DONE, NOW.plus(30, ChronoUnit.DAYS));
    credential(dryRun, RequestState.DONE, null);
    credential(expired, RequestState.EXPIRED, NOW.minus(1, ChronoUnit.DAYS));
    credential(rotating, RequestState.ROTATING, NOW.plus(5, ChronoUnit.DAYS));
    credential(revoked, RequestState.REVOKED, NOW.plus(1, ChronoUnit.DAYS));

    // when
    List<RequestRepository.Credential> all = requests.credentials(10);

    // then
    assertThat(all).extracting(c -> c.request().id())
        .containsExactly(expired, rotating, later, dryRun).doesNotContain(pending, revoked);
    assertThat(all.get(0).expiresAt()).contains(NOW.minus(1, ChronoUnit.DAYS));
    assertThat(all.get(3).expiresAt()).isEmpty();
    assertThat(requests.credentials(2)).extracting(c -> c.request().id())
        .containsExactly(expired, rotating);
  }

  @Test
  void auditRecent_moreEntriesThanTheLimit_newestInOrderWithTheTotal() {
    // given: the request's own row, twelve more, and rows of another request
    long id = create("U1", Optional.empty(), spec("gh/org/audited"), false, NOW).id();
    long other = create("U2", Optional.empty(), spec("gh/org/other"), false, NOW).id();
    for (int i = 1; i <= 12; i++) {
      audit.record(new AuditEvent(id, "U" + i, "STEP_" + i, "", NOW.plusSeconds(i)));
      audit.record(new AuditEvent(other, "bot", "OTHER", "", NOW.plusSeconds(i)));
    }

    // when
    AuditTrail trail = audit.recent(id, 10);

    // then
    assertThat(trail.total()).isEqualTo(13);
    assertThat(trail.latest()).extracting(AuditEvent::action)
        .containsExactly("STEP_3", "STEP_4", "STEP_5", "STEP_6", "STEP_7", "STEP_8", "STEP_9",
            "STEP_10", "STEP_11", "STEP_12");
    assertThat(trail.latest().get(9)).isEqualTo(
        new AuditEvent(id, "U12", "STEP_12", "", NOW.plusSeconds(12)));
    assertThat(audit.recent(other, 100).latest()).hasSize(13);
    assertThat(audit.recent(Long.MAX_VALUE, 10)).isEqualTo(new AuditTrail(List.of(), 0));
  }

  /** Puts a request where a run would have left it, with its token's expiry. */
  private void credential(long id, RequestState state, Instant expiresAt) {
    TestDatabases.update(db, "UPDATE requests SET state = ?, expires_at = ? WHERE id = ?",
        state.name(), expiresAt == null ? null : expiresAt.atOffset(java.time.ZoneOffset.UTC), id);
  }

  private static <T> List<T> concurrently(int count, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        return task.call();
      }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(20, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return results;
  }
}

package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.webops.dockerhubbot.provisioning.StepId.AWAIT_MEMBERSHIP;
import static org.webops.dockerhubbot.provisioning.StepId.CREATE_ORG_TOKEN;
import static org.webops.dockerhubbot.provisioning.StepId.CREATE_PERSONAL_TOKEN;
import static org.webops.dockerhubbot.provisioning.StepId.DELIVER;
import static org.webops.dockerhubbot.provisioning.StepId.GENERATE_IDENTITY;
import static org.webops.dockerhubbot.provisioning.StepId.INVITE_TO_TEAM;
import static org.webops.dockerhubbot.provisioning.StepId.SEND_SIGN_UP;
import static org.webops.dockerhubbot.provisioning.StepId.VERIFY_SIGN_UP;
import static org.webops.dockerhubbot.provisioning.StepId.WRITE_CIRCLECI;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webops.dockerhubbot.http.ApiException;
import org.webops.dockerhubbot.http.ClientErrorException;
import org.webops.dockerhubbot.http.ForbiddenException;
import org.webops.dockerhubbot.http.RateLimitedException;
import org.webops.dockerhubbot.http.RecordingSleeper;
import org.webops.dockerhubbot.http.ServerErrorException;
import org.webops.dockerhubbot.http.TransportException;
import org.webops.dockerhubbot.notices.Notice;
import org.webops.dockerhubbot.provisioning.OperationRunner.Outcome;
import org.webops.dockerhubbot.testing.MutableClock;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.CredentialKind;
import org.webops.dockerhubbot.workflow.Decision;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.Progress;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestSpec;
import org.webops.dockerhubbot.workflow.RequestState;
import org.webops.dockerhubbot.workflow.TokenScope;
import org.webops.dockerhubbot.workflow.Transition;

/**
 * The runner on its own: stand-in steps, an in-memory store, the calling thread as executor and
 * a sleeper that only records. The lease against a real database is {@link
 * OperationRunnerLeaseTest}'s.
 */
class OperationRunnerTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");
  private static final long REQUEST = 42;
  private static final Duration BACKOFF = Duration.ofSeconds(2);
  private static final int ATTEMPTS = 4;
  /** Long enough that no heartbeat comes and no lease runs out while a test runs. */
  private static final OperationRunner.Settings SETTINGS = new OperationRunner.Settings(
      Duration.ofMinutes(10), Duration.ofMinutes(5), ATTEMPTS, BACKOFF);

  private final InMemoryRequests requests = new InMemoryRequests();
  private final InMemoryRunStore store = new InMemoryRunStore(requests);
  private final Progress progress = mock(Progress.class);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private final Map<StepId, Step> steps = new EnumMap<>(StepId.class);
  /** Every call of a stand-in step, in order. */
  private final List<StepId> called = new ArrayList<>();
  /** What the runner told its meter, in order. */
  private final List<String> metered = new ArrayList<>();

  OperationRunnerTest() {
    for (StepId id : StepId.values()) {
      steps.put(id, new StandIn(id));
    }
  }

  @AfterEach
  void stopHeartbeats() {
    heartbeats.shutdownNow();
  }

  @Test
  void run_firstTwoStepsDoneBeforeARestart_runsFromTheThirdOnWithTheirFacts() {
    // given: a service user's run that had done its first two steps when the bot stopped
    long operation = operation(CredentialKind.SERVICE_USER, RequestState.IN_PROGRESS);
    store.given(operation, done(GENERATE_IDENTITY, Map.of(Facts.DOCKER_ID, "ciexampleapp")));
    store.given(operation, done(SEND_SIGN_UP, Map.of(Facts.EMAIL, "ci+app@example.org")));
    step(CREATE_PERSONAL_TOKEN).answers(
        run -> new StepResult.Done(Map.of(Facts.TOKEN_ID, "t-1"), List.of()));

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then
    assertThat(outcome).isEqualTo(Outcome.FINISHED);
    assertThat(called).containsExactly(VERIFY_SIGN_UP, CREATE_PERSONAL_TOKEN, WRITE_CIRCLECI,
        INVITE_TO_TEAM, AWAIT_MEMBERSHIP, DELIVER);
    assertThat(step(VERIFY_SIGN_UP).context(1).facts()).isEqualTo(Map.of(
        Facts.DOCKER_ID, "ciexampleapp", Facts.EMAIL, "ci+app@example.org"));
    assertThat(step(WRITE_CIRCLECI).context(1).facts()).isEqualTo(Map.of(
        Facts.DOCKER_ID, "ciexampleapp", Facts.EMAIL, "ci+app@example.org",
        Facts.TOKEN_ID, "t-1"));
    assertThat(store.writes()).first().isEqualTo("record VERIFY_SIGN_UP RUNNING");
    assertThat(store.moves()).as("started before the restart").containsExactly(Transition.FINISH);
    assertThat(state()).isEqualTo(RequestState.DONE);
    assertThat(store.operation(operation).orElseThrow().status())
        .isEqualTo(Operation.Status.DONE);
    assertThat(store.leaseOwner(operation)).as("released").isEmpty();
  }

  @Test
  void run_stepKeepsGoingBack_rewoundTwiceThenFailsNamingTheStepItWentBackTo() {
    // given: writing the variables keeps finding that the token's value is lost
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answers(run -> new StepResult.Done(
        Map.of(Facts.TOKEN_ID, "t-" + step(CREATE_ORG_TOKEN).calls()), List.of()));
    step(WRITE_CIRCLECI).answers(run -> new StepResult.Rewind(CREATE_ORG_TOKEN,
        Prose.of("the token's value was lost")));

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then: each rewind forgot both records, so the token was made again and its new id read
    assertThat(outcome).isEqualTo(Outcome.FAILED);
    assertThat(called).containsExactly(CREATE_ORG_TOKEN, WRITE_CIRCLECI, CREATE_ORG_TOKEN,
        WRITE_CIRCLECI, CREATE_ORG_TOKEN, WRITE_CIRCLECI);
    assertThat(store.writes()).filteredOn(write -> write.startsWith("reset")).containsExactly(
        "reset [CREATE_ORG_TOKEN, WRITE_CIRCLECI]", "reset [CREATE_ORG_TOKEN, WRITE_CIRCLECI]");
    assertThat(step(WRITE_CIRCLECI).contexts()).extracting(run -> run.facts().get(Facts.TOKEN_ID))
        .containsExactly("t-1", "t-2", "t-3");
    assertThat(events(RunEvent.WentBack.class)).hasSize(2);
    StepRecord failed = store.snapshot(operation).step(WRITE_CIRCLECI).orElseThrow();
    assertThat(failed.status()).isEqualTo(StepStatus.FAILED);
    assertThat(failed.detail().plain()).isEqualTo("it kept needing to go back to organisation"
        + " access token created: the token's value was lost");
    assertThat(store.operation(operation).orElseThrow().status())
        .isEqualTo(Operation.Status.FAILED);
    assertThat(store.moves()).containsExactly(Transition.START, Transition.FAIL);
    assertThat(state()).isEqualTo(RequestState.FAILED);
  }

  @Test
  void run_storeRefusesAWriteBecauseTheLeaseWasTaken_busyWithNoFurtherCallOrWrite() {
    // given: another instance takes the lease over while the token is made
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answers(run -> {
      store.takeLeaseAway(operation, "instance-b/1");
      return StepResult.Done.with("token made");
    });
    Step writeVariables = mockStep(WRITE_CIRCLECI);

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then: the step's done record was refused, and nothing came after it
    assertThat(outcome).isEqualTo(Outcome.BUSY);
    verify(writeVariables, never()).run(any());
    verify(progress).changed(REQUEST); // for the running step, before the lease was taken
    verifyNoMoreInteractions(progress);
    assertThat(store.writes()).containsExactly("apply START", "record CREATE_ORG_TOKEN RUNNING");
    assertThat(store.notices()).isEmpty();
    assertThat(store.leaseOwner(operation)).as("not the stale run's to release")
        .contains("instance-b/1");
    assertThat(store.operation(operation).orElseThrow().status()).isEqualTo(Operation.Status.OPEN);
  }

  @Test
  void run_leaseLostLocallyDuringAStep_nextStepNeverCalled() {
    // given: the heartbeat's renewal is refused while the token is made
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answers(run -> {
      run.lease().lose("a renewal was refused");
      return StepResult.Done.with("token made");
    });
    Step writeVariables = mockStep(WRITE_CIRCLECI);

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then: the lease is checked before the next write and the next external call
    assertThat(outcome).isEqualTo(Outcome.BUSY);
    verify(writeVariables, never()).run(any());
    assertThat(called).containsExactly(CREATE_ORG_TOKEN);
    assertThat(store.writes()).doesNotContain("record WRITE_CIRCLECI RUNNING");
  }

  @Test
  void run_stepAsksToGoBackToALaterStep_failsTheStepInsteadOfBreakingOff() {
    // given: a rewind to a step that is not earlier in the plan
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answers(run -> new StepResult.Rewind(DELIVER,
        Prose.of("confused")));

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then: a failure a person can see and retry, not a run the sweep starts again and again
    assertThat(outcome).isEqualTo(Outcome.FAILED);
    assertThat(failedReason(operation, CREATE_ORG_TOKEN)).startsWith("it asked to go back to");
    assertThat(store.writes()).noneMatch(write -> write.startsWith("reset"));
  }

  @Test
  void run_noSuchOperation_notRunningRatherThanBusy() {
    assertThat(runner().run(4242, Trigger.AUTOMATIC)).isEqualTo(Outcome.NOT_RUNNING);
  }

  @Test
  void run_rateLimitedOnceThenDone_meterToldStartRetryEachStepAndFinishByKindAndStep() {
    // given
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answersInTurn(
        run -> {
          throw new RateLimitedException("Docker Hub", "POST", "/v2/orgs/o/access-tokens", 429,
              "slow down", null);
        },
        run -> StepResult.Done.with("token made"));

    // when
    runner().run(operation, Trigger.AUTOMATIC);

    // then
    assertThat(metered).containsExactly("started PROVISION",
        "retried PROVISION CREATE_ORG_TOKEN RATE_LIMITED after PT2S",
        "ran PROVISION CREATE_ORG_TOKEN DONE", "ran PROVISION WRITE_CIRCLECI DONE",
        "ran PROVISION DELIVER DONE", "finished PROVISION");
  }

  @Test
  void run_stepFailsThenARetryDoesIt_failedOnceAndStartedOnce() {
    // given: a run that failed at its second step
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(WRITE_CIRCLECI).answersInTurn(
        run -> new StepResult.Failed("CircleCI refused"),
        run -> StepResult.Done.with("variables written"));
    runner().run(operation, Trigger.AUTOMATIC);
    int seen = store.snapshot(operation).progress();

    // when
    runner().run(operation, new Trigger.Retry("U0APPROVER", seen));

    // then
    assertThat(metered).containsExactly("started PROVISION",
        "ran PROVISION CREATE_ORG_TOKEN DONE", "ran PROVISION WRITE_CIRCLECI FAILED",
        "failed PROVISION WRITE_CIRCLECI",
        "ran PROVISION WRITE_CIRCLECI DONE", "ran PROVISION DELIVER DONE", "finished PROVISION");
  }

  @Test
  void run_rateLimitedWithALongerRetryAfter_waitsWhatTheApiAsked() {
    // given: Docker Hub asks for 30 s, more than the step's own first wait
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answersInTurn(
        run -> {
          throw new RateLimitedException("Docker Hub", "POST", "/v2/orgs/o/access-tokens", 429,
              "slow down", Duration.ofSeconds(30));
        },
        run -> StepResult.Done.with("token made"));

    // when
    runner().run(operation, Trigger.AUTOMATIC);

    // then
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @MethodSource("transientFailures")
  void run_transientFailureTwiceThenSuccess_triedThreeTimesWithDoublingWaits(
      ApiException failure) {
    // given
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answersInTurn(run -> {
      throw failure;
    }, run -> {
      throw failure;
    }, run -> StepResult.Done.with("token made"));

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then
    assertThat(outcome).isEqualTo(Outcome.FINISHED);
    assertThat(step(CREATE_ORG_TOKEN).calls()).isEqualTo(3);
    assertThat(sleeper.waits()).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
    assertThat(store.snapshot(operation).step(CREATE_ORG_TOKEN).orElseThrow().status())
        .isEqualTo(StepStatus.DONE);
  }

  @Test
  void run_serverErrorOnEveryAttempt_failsTheStepAfterTheLastWithTheApiMessage() {
    // given
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    ApiException failure = new ServerErrorException("Docker Hub", "POST",
        "/v2/orgs/exampleorg/access-tokens", 503, "upstream unavailable");
    step(CREATE_ORG_TOKEN).answers(run -> {
      throw failure;
    });

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then
    assertThat(outcome).isEqualTo(Outcome.FAILED);
    assertThat(step(CREATE_ORG_TOKEN).calls()).isEqualTo(ATTEMPTS);
    assertThat(sleeper.waits()).containsExactly(BACKOFF, BACKOFF.multipliedBy(2),
        BACKOFF.multipliedBy(4));
    assertThat(failedReason(operation, CREATE_ORG_TOKEN)).isEqualTo("Docker Hub POST"
        + " /v2/orgs/exampleorg/access-tokens answered 503: upstream unavailable");
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void run_apiRefusesTheCall_failsTheStepAtOnceWithTheApiMessage(ApiException refusal) {
    // given
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(CREATE_ORG_TOKEN).answers(run -> {
      throw refusal;
    });

    // when
    Outcome outcome = runner().run(operation, Trigger.AUTOMATIC);

    // then
    assertThat(outcome).isEqualTo(Outcome.FAILED);
    assertThat(step(CREATE_ORG_TOKEN).calls()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
    assertThat(failedReason(operation, CREATE_ORG_TOKEN)).isEqualTo(refusal.getMessage())
        .endsWith(": " + refusal.apiMessage());
    assertThat(events(RunEvent.StepFailed.class))
        .containsExactly(new RunEvent.StepFailed(CREATE_ORG_TOKEN, refusal.getMessage()));
    assertThat(called).doesNotContain(WRITE_CIRCLECI);
    assertThat(state()).isEqualTo(RequestState.FAILED);
  }

  @Test
  void run_stepWaitsForAPerson_parksAndAnAutomaticGoDoesNotCallItAgain() {
    // given: a run parked at the sign-up
    long operation = parkedAtSignUp();
    List<String> writesWhileParked = store.writes();

    // when: the sweep or a restart starts it again
    Outcome again = runner().run(operation, Trigger.AUTOMATIC);

    // then
    assertThat(again).isEqualTo(Outcome.WAITING);
    assertThat(step(VERIFY_SIGN_UP).calls()).isEqualTo(1);
    assertThat(store.writes()).isEqualTo(writesWhileParked);
    assertThat(store.snapshot(operation).waiting())
        .contains(new Wait(WaitFor.PERSON, Optional.empty(), 0));
    assertThat(store.operation(operation).orElseThrow().status()).isEqualTo(Operation.Status.OPEN);
    assertThat(store.due(NOW, 10)).as("the sweep leaves it alone").isEmpty();
  }

  @Test
  void run_stepWaitsForAPerson_theirClickRunsItAndTheRunGoesOn() {
    // given: a run parked at the sign-up
    long operation = parkedAtSignUp();

    // when: the approver clicks "Account created and e-mail verified"
    Outcome outcome = runner().run(operation, new Trigger.Person("U0APPROVER"));

    // then: the click wakes the waiting step only; the steps after it go on their own
    assertThat(outcome).isEqualTo(Outcome.FINISHED);
    assertThat(step(VERIFY_SIGN_UP).calls()).isEqualTo(2);
    assertThat(step(VERIFY_SIGN_UP).context(2).person()).contains("U0APPROVER");
    assertThat(step(CREATE_PERSONAL_TOKEN).context(1).trigger()).isEqualTo(Trigger.AUTOMATIC);
    assertThat(store.snapshot(operation).waiting()).isEmpty();
    assertThat(state()).isEqualTo(RequestState.DONE);
  }

  @Test
  void run_retryOfTheFailureSeen_movesBackAndGoesOnFromTheFailedStep() {
    // given: a run that failed at the variables
    long operation = operation(CredentialKind.ORG_TOKEN, RequestState.APPROVED);
    step(WRITE_CIRCLECI).answersInTurn(run -> new StepResult.Failed("context not found"),
        run -> StepResult.Done.with("variables written"));
    OperationRunner runner = runner();
    assertThat(runner.run(operation, Trigger.AUTOMATIC)).isEqualTo(Outcome.FAILED);
    int seen = store.snapshot(operation).progress();

    // when: an approver clicks Retry, and another click that saw the same failure follows
    Outcome retried = runner.run(operation, new Trigger.Retry("U0APPROVER", seen));
    Outcome stale = runner.run(operation, new Trigger.Retry("U0OTHER", seen));

    // then
    assertThat(retried).isEqualTo(Outcome.FINISHED);
    assertThat(stale).isEqualTo(Outcome.NOT_RUNNING);
    assertThat(called).containsExactly(CREATE_ORG_TOKEN, WRITE_CIRCLECI, WRITE_CIRCLECI, DELIVER);
    assertThat(store.moves()).containsExactly(Transition.START, Transition.FAIL,
        Transition.RETRY, Transition.FINISH);
    assertThat(state()).isEqualTo(RequestState.DONE);
  }

  static Stream<ApiException> transientFailures() {
    return Stream.of(
        new ServerErrorException("Docker Hub", "POST", "/v2/orgs/exampleorg/access-tokens",
            502, "bad gateway"),
        new RateLimitedException("Docker Hub", "POST", "/v2/orgs/exampleorg/access-tokens",
            429, "too many requests", Duration.ofSeconds(1)),
        new TransportException("Docker Hub", "POST", "/v2/orgs/exampleorg/access-tokens",
            "connection reset", null));
  }

  static Stream<ApiException> refusals() {
    return Stream.of(
        new ForbiddenException("Docker Hub", "POST", "/v2/orgs/exampleorg/access-tokens", 403,
            "insufficient scope <org:admin> & more"),
        new ClientErrorException("Docker Hub", "POST", "/v2/orgs/exampleorg/access-tokens", 422,
            "label already in use"));
  }

  /** A service user's run, started automatically, parked where the approver signs up. */
  private long parkedAtSignUp() {
    long operation = operation(CredentialKind.SERVICE_USER, RequestState.APPROVED);
    step(VERIFY_SIGN_UP).answersInTurn(
        run -> StepResult.Waiting.forPerson("Sign up as ", Prose.code("ciexampleapp")),
        run -> StepResult.Done.with("signed up"));
    assertThat(runner().run(operation, Trigger.AUTOMATIC)).isEqualTo(Outcome.WAITING);
    assertThat(store.snapshot(operation).waitingStep()).map(StepRecord::step)
        .contains(VERIFY_SIGN_UP);
    return operation;
  }

  /** The approved request of this kind, in this state, and its open operation. */
  private long operation(CredentialKind kind, RequestState state) {
    RequestSpec spec = new RequestSpec("gh/example/app", kind, TokenScope.READ_ONLY,
        kind == CredentialKind.ORG_TOKEN ? List.of("*/*/public") : List.of(), Optional.empty(),
        "DOCKER_USER", "DOCKER_ACCESS_TOKEN", 90, "test");
    requests.put(new ProvisioningRequest(REQUEST, "U0REQUESTER", Optional.empty(), spec, false,
        state, Optional.of(new Decision("U0APPROVER", NOW, Optional.empty())), Optional.empty(),
        NOW, Optional.empty()));
    return store.open(REQUEST, OperationKind.PROVISION, "U0APPROVER", NOW);
  }

  private OperationRunner runner() {
    return new OperationRunner(requests, store, new Plans(List.copyOf(steps.values())), progress,
        Runnable::run, heartbeats, sleeper, new MutableClock(NOW), SETTINGS, "test",
        new RunMeter() {
          @Override
          public void started(OperationKind kind) {
            metered.add("started " + kind);
          }

          @Override
          public void finished(OperationKind kind) {
            metered.add("finished " + kind);
          }

          @Override
          public void failed(OperationKind kind, StepId step) {
            metered.add("failed " + kind + " " + step);
          }

          @Override
          public void stepRan(OperationKind kind, StepId step, StepOutcome outcome,
              Duration took) {
            metered.add("ran " + kind + " " + step + " " + outcome);
          }

          @Override
          public void stepRetried(OperationKind kind, StepId step, RetryReason reason,
              Duration wait) {
            metered.add("retried " + kind + " " + step + " " + reason + " after " + wait);
          }
        });
  }

  private StandIn step(StepId id) {
    return (StandIn) steps.get(id);
  }

  /** A mock in place of the stand-in, for steps that must never be called. */
  private Step mockStep(StepId id) {
    Step step = mock(Step.class);
    when(step.id()).thenReturn(id);
    steps.put(id, step);
    return step;
  }

  private RequestState state() {
    return requests.find(REQUEST).orElseThrow().state();
  }

  private String failedReason(long operation, StepId step) {
    StepRecord record = store.snapshot(operation).step(step).orElseThrow();
    assertThat(record.status()).isEqualTo(StepStatus.FAILED);
    return record.detail().plain();
  }

  private <E> List<E> events(Class<E> kind) {
    return store.notices().stream().map(Notice::event).filter(kind::isInstance)
        .map(kind::cast).toList();
  }

  private static StepRecord done(StepId step, Map<String, String> facts) {
    return StepRecord.done(step, List.of(Prose.of(step.label())), facts, NOW);
  }

  /** A step that answers as the test says (done by default) and keeps the context of each call. */
  private final class StandIn implements Step {
    private final StepId id;
    private final List<RunContext> contexts = new ArrayList<>();
    private List<Function<RunContext, StepResult>> answers;

    StandIn(StepId id) {
      this.id = id;
      this.answers = List.of(run -> StepResult.Done.with(id.label()));
    }

    void answers(Function<RunContext, StepResult> answer) {
      answers = List.of(answer);
    }

    /** The n-th call gets the n-th answer; the last answer goes on being given. */
    @SafeVarargs
    final void answersInTurn(Function<RunContext, StepResult>... inTurn) {
      answers = List.of(inTurn);
    }

    int calls() {
      return contexts.size();
    }

    /** The context of call number {@code n}, from 1. */
    RunContext context(int n) {
      return contexts.get(n - 1);
    }

    List<RunContext> contexts() {
      return List.copyOf(contexts);
    }

    @Override
    public StepId id() {
      return id;
    }

    @Override
    public StepResult run(RunContext run) {
      contexts.add(run);
      called.add(id);
      return answers.get(Math.min(contexts.size(), answers.size()) - 1).apply(run);
    }
  }
}

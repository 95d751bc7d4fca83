package org.webops.dockerhubbot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.testing.MutableClock;

class CredentialHealthTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:50:00Z"));
  private final AtomicReference<Verdict> answer = new AtomicReference<>(new Verdict.Ok());
  private final AtomicInteger asked = new AtomicInteger();
  private final List<Boolean> recorded = new ArrayList<>();
  private final AtomicInteger nudged = new AtomicInteger();
  private final CredentialHealth health = new CredentialHealth(List.of(new CredentialCheck() {
    @Override
    public Credential credential() {
      return Credential.CIRCLECI_TOKEN;
    }

    @Override
    public Verdict check() {
      asked.incrementAndGet();
      return answer.get();
    }
  }), (credential, ok, reason, at, onChange) -> {
    recorded.add(ok);
    return new CredentialStatuses.Outcome(ok ? CredentialStatuses.Recorded.UNCHANGED
        : CredentialStatuses.Recorded.CHANGED, new CredentialStatuses.Known(ok, reason, at));
  }, nudged::incrementAndGet, clock);

  @Test
  void status_beforeTheFirstCheck_checkingAndNotDegraded() {
    HealthCheck.Status status = health.status();

    assertThat(status.ok()).isTrue();
    assertThat(status.shown()).isEqualTo(Map.of("circleci_token", Map.of("status", "checking")));
  }

  @Test
  void tick_firstThenEachUtcDay_asksOnceADay() {
    health.tick();
    health.tick();
    assertThat(asked).hasValue(1);

    clock.advance(Duration.ofMinutes(9)); // 23:59, the same UTC day
    health.tick();
    assertThat(asked).hasValue(1);

    clock.advance(Duration.ofMinutes(2)); // 00:01, the next day
    health.tick();
    assertThat(asked).hasValue(2);
    assertThat(recorded).containsExactly(true, true);
    assertThat(nudged).hasValue(0);
  }

  @Test
  void tick_unreachable_shownNotRecordedAskedAgainAfterAQuarterOfAnHour() {
    answer.set(new Verdict.Unreachable("could not reach CircleCI (answered 503)"));
    health.tick();

    HealthCheck.Status status = health.status();
    assertThat(status.ok()).isFalse();
    assertThat(status.detail()).isEqualTo("circleci_token unreachable");
    assertThat(recorded).isEmpty();

    clock.advance(CredentialHealth.RETRY_UNREACHABLE.minusSeconds(1));
    health.tick();
    assertThat(asked).hasValue(1);
    answer.set(new Verdict.Ok());
    clock.advance(Duration.ofSeconds(1));
    health.tick();
    assertThat(asked).hasValue(2);
    assertThat(health.status().ok()).isTrue();
  }

  @Test
  void tick_failingAndChanged_shownWithReasonAndSinceAndNudges() {
    answer.set(new Verdict.Failing("CircleCI refused CIRCLECI_TOKEN (revoked?)"));

    health.tick();

    @SuppressWarnings("unchecked")
    Map<String, Object> shown = (Map<String, Object>) ((Map<String, Object>) health.status()
        .shown()).get("circleci_token");
    assertThat(shown).containsEntry("status", "failing")
        .containsEntry("reason", "CircleCI refused CIRCLECI_TOKEN (revoked?)")
        .containsEntry("since", "2026-11-30T23:50:00Z")
        .containsEntry("checked_at", "2026-11-30T23:50:00Z");
    assertThat(health.status().ok()).isFalse();
    assertThat(nudged).hasValue(1);
    assertThat(Optional.of(recorded)).contains(List.of(false));
  }
}

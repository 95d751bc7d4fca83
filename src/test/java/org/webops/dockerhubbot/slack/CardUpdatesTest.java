package org.webops.dockerhubbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webops.dockerhubbot.testing.MutableClock;

class CardUpdatesTest {
  private record Scheduled(Runnable task, Duration delay) {}

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final List<Scheduled> scheduled = new ArrayList<>();
  private final List<Long> rewrites = new ArrayList<>();
  private final CardUpdates cards = new CardUpdates(rewrites::add,
      (task, delay) -> scheduled.add(new Scheduled(task, delay)), clock, Duration.ofSeconds(1));

  @Test
  void changed_firstTime_rewritesAtOnce() {
    cards.changed(7);

    assertThat(scheduled).singleElement().satisfies(s -> assertThat(s.delay()).isZero());
    runNext();
    assertThat(rewrites).containsExactly(7L);
  }

  @Test
  void changed_burstOfTen_oneRewriteNowAndOneASecondLater() {
    cards.changed(7);
    runNext();
    clock.advance(Duration.ofMillis(100));

    for (int i = 0; i < 10; i++) {
      cards.changed(7);
      clock.advance(Duration.ofMillis(20));
    }

    assertThat(scheduled).singleElement()
        .satisfies(s -> assertThat(s.delay()).isEqualTo(Duration.ofMillis(900)));
    runNext();
    assertThat(rewrites).containsExactly(7L, 7L);
  }

  @Test
  void changed_whileTheCardIsBeingRewritten_anotherRewriteFollowsAfterTheInterval() {
    List<CardUpdates> self = new ArrayList<>();
    CardUpdates busy = new CardUpdates(id -> {
      rewrites.add(id);
      if (rewrites.size() == 1) {
        self.get(0).changed(id); // a step finishes while the card is being rewritten
      }
    }, (task, delay) -> scheduled.add(new Scheduled(task, delay)), clock, Duration.ofSeconds(1));
    self.add(busy);

    busy.changed(8);
    runNext();

    assertThat(scheduled).singleElement()
        .satisfies(s -> assertThat(s.delay()).isEqualTo(Duration.ofSeconds(1)));
    runNext();
    assertThat(rewrites).containsExactly(8L, 8L);
  }

  @Test
  void changed_twoCards_doNotWaitForEachOther() {
    cards.changed(1);
    cards.changed(2);

    assertThat(scheduled).extracting(Scheduled::delay).containsOnly(Duration.ZERO);
  }

  private void runNext() {
    scheduled.remove(0).task().run();
  }
}

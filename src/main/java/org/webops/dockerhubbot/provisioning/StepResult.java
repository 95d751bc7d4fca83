package org.webops.dockerhubbot.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webops.dockerhubbot.text.Prose;

/** What one go of a step came to. Texts are for people and never carry a secret. */
public sealed interface StepResult {

  /**
   * The step's effect exists now.
   *
   * @param lines what was done (or, in dry run, would have been done), one line each, for the
   *     card's thread
   */
  record Done(Map<String, String> facts, List<Prose> lines) implements StepResult {
    public Done {
      facts = Map.copyOf(facts);
      lines = List.copyOf(lines);
    }

    public Done withFacts(Map<String, String> more) {
      return new Done(more, lines);
    }

    /** Done, saying so in one line made of these pieces ({@link Prose#of}). */
    public static Done with(Object... line) {
      return new Done(Map.of(), List.of(Prose.of(line)));
    }
  }

  /**
   * The step needs a person or time; the run stops here and goes on when {@code waitFor} happens.
   *
   * @param pollIn when to look again by itself, for {@link WaitFor#POLL}; empty: only on a click
   * @param tellsRequester the requester hears that the run waits (the first time)
   */
  record Waiting(Prose detail, WaitFor waitFor, Optional<Duration> pollIn,
      boolean tellsRequester) implements StepResult {

    public Waiting(Prose detail, WaitFor waitFor, Optional<Duration> pollIn) {
      this(detail, waitFor, pollIn, true);
    }

    /** Waiting for a click, saying why in these pieces ({@link Prose#of}). */
    public static Waiting forPerson(Object... detail) {
      return new Waiting(Prose.of(detail), WaitFor.PERSON, Optional.empty());
    }

    /** Waiting for time to pass, which is the bot's business only: the requester is not told. */
    public static Waiting forTime(Duration left, Object... detail) {
      return new Waiting(Prose.of(detail), WaitFor.POLL, Optional.of(left), false);
    }
  }

  /**
   * An earlier step's effect must be made again, for example a token whose value was lost to a
   * restart: the run goes back to {@code step} and runs everything after it again.
   */
  record Rewind(StepId step, Prose why) implements StepResult {}

  /** The step cannot go on without a person looking at {@code reason}; Retry starts it again. */
  record Failed(String reason) implements StepResult {}
}

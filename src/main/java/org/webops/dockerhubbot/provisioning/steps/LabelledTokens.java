package org.webops.dockerhubbot.provisioning.steps;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.StepResult;

/**
 * What the two token steps share: a token found by its label is kept only while this process
 * holds its value; any other is deleted and made again, so there is never a second one.
 */
final class LabelledTokens {

  /** A token as its list shows it. */
  record Listed(String id, boolean active) {}

  /** The API calls for one kind of token. */
  interface Tokens {
    List<Listed> withLabel();

    void delete(String id);

    /** Makes the token; the value is null in dry run. */
    FreshTokens.FreshToken create();
  }

  private LabelledTokens() {}

  /**
   * @param what the token in words, e.g. "personal access token `x` (repo:read, expires …)"
   */
  static StepResult ensure(RunContext run, FreshTokens held, String what, Tokens tokens) {
    List<String> lines = new ArrayList<>();
    for (Listed earlier : tokens.withLabel()) {
      if (earlier.active() && held.get(run.requestId(), earlier.id()).isPresent()) {
        return new StepResult.Done(Map.of(Facts.TOKEN_ID, earlier.id()),
            List.of("The " + what + " exists already"));
      }
      tokens.delete(earlier.id());
      lines.add((run.dryRun() ? "Dry run: would delete" : "Deleted") + " the earlier token with"
          + " this label: its value was lost (a restart or a lost answer), so a new one replaces"
          + " it");
    }
    FreshTokens.FreshToken made = tokens.create();
    if (run.dryRun()) {
      lines.add("Dry run: would create " + what);
      return new StepResult.Done(Map.of(Facts.TOKEN_ID, "dry-run"), lines);
    }
    if (made.value() == null || made.value().isEmpty()) {
      throw new IllegalStateException("Docker Hub made token " + made.id()
          + " but did not show its value");
    }
    held.hold(run.requestId(), made);
    lines.add("Created " + what);
    return new StepResult.Done(Map.of(Facts.TOKEN_ID, made.id()), lines);
  }

  static String expiry(Instant expiresAt) {
    return "expires " + DateTimeFormatter.ISO_LOCAL_DATE.format(expiresAt.atZone(ZoneOffset.UTC));
  }
}

package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import static org.webops.dockerhubbot.text.Prose.code;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenRecord;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenState;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.workflow.TokenLabels;

/**
 * What the two token steps share. A token is this request's only if the request's records name
 * it: by its id, or, for a create whose answer never arrived, by the exact label stored before
 * the call. Such a token is kept while this process holds its value; otherwise it is deleted and
 * a new one made under a new label. Tokens made by people, other requests or other tools are
 * never touched, whatever their labels.
 */
final class CredentialTokens {

  /** A token as Docker Hub lists it. */
  record Listed(String id, String label, boolean active) {}

  /** The API calls for one kind of token. */
  interface Tokens {
    List<Listed> list();

    void delete(String id);

    /** Makes the token; the value is null in dry run. */
    FreshTokens.FreshToken create(String label);
  }

  private final CredentialStore store;
  private final FreshTokens held;

  CredentialTokens(CredentialStore store, FreshTokens held) {
    this.store = store;
    this.held = held;
  }

  /**
   * @param what the token in words, given its label, e.g. "personal access token `x` (…)"
   */
  StepResult ensure(RunContext run, TokenKind kind, Function<String, Prose> what,
      Tokens tokens) {
    long id = run.requestId();
    List<TokenRecord> records = store.tokens(id);
    List<Listed> listed = tokens.list();
    List<Prose> lines = new ArrayList<>();
    Optional<Listed> kept = Optional.empty();
    for (TokenRecord record : records) {
      if (record.kind() != kind || record.state() == TokenState.DELETED) {
        continue;
      }
      Optional<Listed> found = listed.stream().filter(token -> isOf(record, token)).findFirst();
      if (found.isPresent() && kept.isEmpty() && found.get().active()
          && held.get(id, found.get().id()).isPresent()) {
        kept = found;
        continue;
      }
      if (found.isPresent()) {
        tokens.delete(found.get().id());
        lines.add(Prose.of(run.dryRun() ? "Dry run: would delete" : "Deleted", " this request's"
            + " earlier token ", code(found.get().label()), ": its value was lost (a restart,"
            + " another instance or a lost answer), so a new one replaces it"));
      }
      if (!run.dryRun()) {
        store.tokenDeleted(run.lease(), record.generation(), run.now());
      }
    }
    if (kept.isPresent()) {
      return new StepResult.Done(Map.of(Facts.TOKEN_ID, kept.get().id(), Facts.TOKEN_LABEL,
          kept.get().label()), List.of(Prose.of("The ", what.apply(kept.get().label()),
          " exists already")));
    }
    int generation = records.stream().mapToInt(TokenRecord::generation).max().orElse(0) + 1;
    String label = TokenLabels.of(run.request().spec().pipeline(), id, generation);
    if (run.dryRun()) {
      tokens.create(label);
      lines.add(Prose.of("Dry run: would create ", what.apply(label)));
      return new StepResult.Done(Map.of(Facts.TOKEN_ID, "dry-run"), lines);
    }
    store.tokenIntended(run.lease(), generation, label, kind, run.now());
    FreshTokens.FreshToken made = tokens.create(label);
    if (made.value() == null || made.value().isEmpty()) {
      throw new IllegalStateException("Docker Hub made token " + made.id()
          + " but did not show its value");
    }
    store.tokenCreated(run.lease(), generation, made.id(), run.now());
    held.hold(id, made);
    lines.add(Prose.of("Created ", what.apply(label)));
    return new StepResult.Done(Map.of(Facts.TOKEN_ID, made.id(), Facts.TOKEN_LABEL, label), lines);
  }

  /** Whether the listed token is the recorded one. */
  private static boolean isOf(TokenRecord record, Listed token) {
    if (record.tokenId().isPresent()) {
      return record.tokenId().get().equals(token.id());
    }
    // The create's answer never arrived: the label, unique to this request and attempt, tells.
    return record.generation() > 0 && record.label().equals(token.label());
  }

  static String expiry(Instant expiresAt) {
    return "expires " + DateTimeFormatter.ISO_LOCAL_DATE.format(expiresAt.atZone(ZoneOffset.UTC));
  }
}

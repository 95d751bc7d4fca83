package org.webops.dockerhubbot.provisioning.steps;

import static org.webops.dockerhubbot.text.Prose.code;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.webops.dockerhubbot.provisioning.CredentialStore;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenKind;
import org.webops.dockerhubbot.provisioning.CredentialStore.TokenRecord;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.StepResult;
import org.webops.dockerhubbot.text.Prose;
import org.webops.dockerhubbot.workflow.OperationKind;
import org.webops.dockerhubbot.workflow.TokenLabels;

/**
 * What the token steps share. A token is this credential's only if its records name it: by its
 * id, or, for a create whose answer never arrived, by the exact label stored before the call.
 * Within an operation, a token of that operation is kept while this process holds its value;
 * otherwise it is deleted and a new one made under a new label. Tokens of earlier operations are
 * left to the step that deletes them (after a rotation's grace period, or on revocation). Tokens
 * made by people, other requests or other tools are never touched, whatever their labels.
 */
final class CredentialTokens {
  private final CredentialStore store;
  private final FreshTokens held;

  CredentialTokens(CredentialStore store, FreshTokens held) {
    this.store = store;
    this.held = held;
  }

  /**
   * @param what the token in words, given its label, e.g. "personal access token `x` (…)"
   * @param create makes the token with this label; its value is null in dry run
   */
  StepResult ensure(RunContext run, TokenKind kind, Optional<Instant> expiresAt,
      Function<String, Prose> what, TokenApi api, Function<String, FreshTokens.FreshToken> create) {
    long id = run.requestId();
    List<TokenRecord> records = store.tokens(id);
    List<TokenRecord> earlier = records.stream()
        .filter(record -> record.kind() == kind && record.mayExist() && madeBy(record, run))
        .toList();
    // Only an earlier attempt of this operation can have left a token: without one there is
    // nothing to look for, and the create is the first call.
    List<TokenApi.Listed> listed = earlier.isEmpty() ? List.of() : api.list();
    List<Prose> lines = new ArrayList<>();
    Optional<TokenApi.Listed> kept = Optional.empty();
    for (TokenRecord record : earlier) {
      Optional<TokenApi.Listed> found =
          listed.stream().filter(token -> isOf(record, token)).findFirst();
      if (found.isPresent() && kept.isEmpty() && found.get().active()
          && held.get(id, found.get().id()).isPresent()) {
        kept = found;
        continue;
      }
      if (found.isPresent()) {
        api.delete(found.get().id());
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
      create.apply(label);
      lines.add(Prose.of("Dry run: would create ", what.apply(label)));
      return new StepResult.Done(Map.of(Facts.TOKEN_ID, "dry-run"), lines);
    }
    store.tokenIntended(run.lease(), generation, label, kind, expiresAt, run.now());
    FreshTokens.FreshToken made = create.apply(label);
    if (made.value() == null || made.value().isEmpty()) {
      throw new IllegalStateException("Docker Hub made token " + made.id()
          + " but did not show its value");
    }
    store.tokenCreated(run.lease(), generation, made.id(), run.now());
    held.hold(id, made);
    lines.add(Prose.of("Created ", what.apply(label)));
    return new StepResult.Done(Map.of(Facts.TOKEN_ID, made.id(), Facts.TOKEN_LABEL, label), lines);
  }

  /**
   * Deletes the credential's recorded tokens of this kind that {@code which} picks and that may
   * still exist; a token no longer listed is recorded as gone.
   *
   * @return what was done, a line each
   */
  List<Prose> delete(RunContext run, TokenKind kind, TokenApi api, Predicate<TokenRecord> which) {
    List<TokenRecord> doomed = store.tokens(run.requestId()).stream()
        .filter(record -> record.kind() == kind && record.mayExist() && which.test(record))
        .toList();
    if (doomed.isEmpty()) {
      return List.of();
    }
    List<TokenApi.Listed> listed = api.list();
    List<Prose> lines = new ArrayList<>();
    for (TokenRecord record : doomed) {
      Optional<TokenApi.Listed> found =
          listed.stream().filter(token -> isOf(record, token)).findFirst();
      if (found.isPresent()) {
        api.delete(found.get().id());
        lines.add(Prose.of(run.dryRun() ? "Dry run: would delete " : "Deleted ",
            code(found.get().label())));
      } else {
        lines.add(Prose.of(code(record.label()), " was already gone from Docker Hub"));
      }
      if (!run.dryRun()) {
        store.tokenDeleted(run.lease(), record.generation(), run.now());
      }
    }
    return lines;
  }

  /** Whether the record is of the run's operation (records from before operations: provisioning). */
  static boolean madeBy(TokenRecord record, RunContext run) {
    return record.operationId().map(op -> op == run.operation().id())
        .orElse(run.operation().kind() == OperationKind.PROVISION);
  }

  /** Whether the listed token is the recorded one. */
  private static boolean isOf(TokenRecord record, TokenApi.Listed token) {
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

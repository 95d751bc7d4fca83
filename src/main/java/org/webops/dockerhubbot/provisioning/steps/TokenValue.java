package org.webops.dockerhubbot.provisioning.steps;

import org.webops.dockerhubbot.text.Prose;
import java.util.Optional;
import org.webops.dockerhubbot.provisioning.Facts;
import org.webops.dockerhubbot.provisioning.FreshTokens;
import org.webops.dockerhubbot.provisioning.Plans;
import org.webops.dockerhubbot.provisioning.RunContext;
import org.webops.dockerhubbot.provisioning.StepResult;

/** The value of the token this run made, or the way back to making it again. */
final class TokenValue {
  private TokenValue() {}

  static Optional<String> of(RunContext run, FreshTokens tokens) {
    return run.fact(Facts.TOKEN_ID).flatMap(id -> tokens.get(run.requestId(), id))
        .map(FreshTokens.FreshToken::value);
  }

  static StepResult.Rewind lost(RunContext run) {
    return new StepResult.Rewind(Plans.tokenStep(run.request().spec().kind()),
        Prose.of("The token's value was only in memory between its creation and the link, and"
            + " this run does not have it (the bot restarted, or another instance made it), so"
            + " the bot replaces the token."));
  }
}

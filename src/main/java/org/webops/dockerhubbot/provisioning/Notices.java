package org.webops.dockerhubbot.provisioning;

import org.webops.dockerhubbot.secretlinks.SecretPayload;
import org.webops.dockerhubbot.slack.blocks.SlackText;
import org.webops.dockerhubbot.workflow.ProvisioningRequest;
import org.webops.dockerhubbot.workflow.RequestSpec;

/** What the runner says in the thread and to the requester. */
final class Notices {
  private Notices() {}

  static String stepDone(StepId step, StepResult.Done done, boolean dryRun) {
    String head = (dryRun ? ":test_tube: " : ":white_check_mark: ") + "*" + step.label() + "*";
    return done.lines().isEmpty() ? head : head + "\n" + String.join("\n", done.lines());
  }

  static String stepFailed(StepId step, String reason) {
    return ":x: *" + step.label() + "* failed: " + SlackText.escape(reason)
        + "\nAn approver can click *Retry* on the card once the cause is fixed.";
  }

  static String waiting(ProvisioningRequest request, StepId step) {
    String who = request.decision().map(d -> SlackText.user(d.by())).orElse("an approver");
    String what = switch (step) {
      case VERIFY_SIGN_UP -> "waits for " + who + " to sign up its Docker ID on Docker Hub";
      case AWAIT_MEMBERSHIP -> "waits for the Docker Hub invitation to be accepted";
      default -> "waits for " + who;
    };
    return subject(request) + " " + what + ". I'll tell you when it goes on.";
  }

  static String failed(ProvisioningRequest request, StepId step) {
    return subject(request) + " stopped at \"" + step.label() + "\". Webops can see why in "
        + "the request's thread and retry it; I'll tell you when it is done.";
  }

  static String done(ProvisioningRequest request) {
    RequestSpec spec = request.spec();
    String where = spec.circleciContext()
        .map(context -> "the CircleCI context " + SlackText.code(context)
            + " (add it to your jobs' `context:`)")
        .orElse("the project's environment variables");
    String snippet = SecretPayload.circleCiAuthSnippet(spec.userVariable(), spec.tokenVariable());
    return (request.dryRun() ? ":test_tube: Dry run: " : ":white_check_mark: ")
        + subject(request) + (request.dryRun() ? " ran through without writing anything."
            : " is done: " + SlackText.code(spec.userVariable()) + " and "
                + SlackText.code(spec.tokenVariable()) + " are in " + where + ".")
        + "\nUse them in `.circleci/config.yml` under each Docker image:\n```" + snippet + "```";
  }

  private static String subject(ProvisioningRequest request) {
    return "Your request #" + request.id() + " for " + SlackText.code(request.spec().pipeline());
  }
}

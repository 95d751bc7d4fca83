package org.webops.dockerhubbot.workflow;

import org.webops.dockerhubbot.slack.blocks.SlackText;

/** What the requester is told about a request before its run, and why a form is refused. */
final class RequestNotices {
  private RequestNotices() {}

  static String approved(ProvisioningRequest request, String approver) {
    return subject(request.id(), request.spec()) + " was approved by " + SlackText.user(approver)
        + ". Provisioning starts now; you will get the CircleCI settings when it is done.";
  }

  static String rejected(ProvisioningRequest request, Decision decision) {
    return subject(request.id(), request.spec()) + " was rejected by "
        + SlackText.user(decision.by()) + ": " + SlackText.escape(decision.note().orElse(""));
  }

  static String variablesTaken(RequestSpec spec, ProvisioningRequest owner) {
    return "Request #" + owner.id() + " (" + owner.spec().pipeline() + ") already writes "
        + owner.spec().userVariable() + " and " + owner.spec().tokenVariable()
        + " into the context " + spec.circleciContext().orElse("") + " of this organisation,"
        + " and two pipelines would overwrite each other. Choose other variable names or"
        + " another context.";
  }

  private static String subject(long id, RequestSpec spec) {
    return "Your request #" + id + " for " + SlackText.code(spec.pipeline());
  }
}

package org.webops.dockerhubbot.slack.listeners;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_MODAL;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REQUEST_MODAL;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.REVOKE_MODAL;
import static org.webops.dockerhubbot.slack.blocks.SlackIds.ROTATE_MODAL;

import com.slack.api.bolt.App;
import org.webops.dockerhubbot.slack.views.RejectReasonSubmission;
import org.webops.dockerhubbot.slack.views.RequestModalSubmission;
import org.webops.dockerhubbot.slack.views.RevokeSubmission;
import org.webops.dockerhubbot.slack.views.RotateSubmission;

/** Submissions of the bot's modals. */
public record ViewListeners(RequestModalSubmission request, RejectReasonSubmission rejectReason,
    RotateSubmission rotate, RevokeSubmission revoke) {
  public void register(App app) {
    app.viewSubmission(REQUEST_MODAL, request);
    app.viewSubmission(REJECT_MODAL, rejectReason);
    app.viewSubmission(ROTATE_MODAL, rotate);
    app.viewSubmission(REVOKE_MODAL, revoke);
  }
}

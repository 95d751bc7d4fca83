package org.webops.dockerhubbot.slack;

import static org.webops.dockerhubbot.slack.SlackIds.APPROVE_ACTION;
import static org.webops.dockerhubbot.slack.SlackIds.CHECK_MEMBERSHIP_ACTION;
import static org.webops.dockerhubbot.slack.SlackIds.COMMAND;
import static org.webops.dockerhubbot.slack.SlackIds.REJECT_ACTION;
import static org.webops.dockerhubbot.slack.SlackIds.REJECT_MODAL;
import static org.webops.dockerhubbot.slack.SlackIds.REPLACE_VARIABLES_ACTION;
import static org.webops.dockerhubbot.slack.SlackIds.REQUEST_MODAL;
import static org.webops.dockerhubbot.slack.SlackIds.RETRY_ACTION;
import static org.webops.dockerhubbot.slack.SlackIds.SIGNED_UP_ACTION;
import static org.webops.dockerhubbot.slack.SlackIds.SIGN_UP_AGAIN_ACTION;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.webops.dockerhubbot.slack.actions.CardButton;
import org.webops.dockerhubbot.slack.actions.RejectButton;
import org.webops.dockerhubbot.slack.commands.DockerhubUserCommand;
import org.webops.dockerhubbot.slack.events.AppHomeOpened;
import org.webops.dockerhubbot.slack.views.RejectReasonSubmission;
import org.webops.dockerhubbot.slack.views.RequestModalSubmission;

/** Every listener the app has, registered explicitly in one place. */
public record Listeners(
    DockerhubUserCommand command,
    RequestModalSubmission requestModal,
    CardButton approve,
    RejectButton reject,
    RejectReasonSubmission rejectReason,
    AppHomeOpened appHome,
    CardButton retry,
    CardButton signedUp,
    CardButton signUpAgain,
    CardButton checkMembership,
    CardButton replaceVariables) {

  public void register(App app) {
    app.command(COMMAND, command);
    app.viewSubmission(REQUEST_MODAL, requestModal);
    app.blockAction(APPROVE_ACTION, approve);
    app.blockAction(REJECT_ACTION, reject);
    app.viewSubmission(REJECT_MODAL, rejectReason);
    app.event(AppHomeOpenedEvent.class, appHome);
    app.blockAction(RETRY_ACTION, retry);
    app.blockAction(SIGNED_UP_ACTION, signedUp);
    app.blockAction(SIGN_UP_AGAIN_ACTION, signUpAgain);
    app.blockAction(CHECK_MEMBERSHIP_ACTION, checkMembership);
    app.blockAction(REPLACE_VARIABLES_ACTION, replaceVariables);
  }
}

package org.webops.dockerhubbot.slack.listeners;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_ACTION;

import com.slack.api.bolt.App;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.webops.dockerhubbot.slack.actions.CardButton;
import org.webops.dockerhubbot.slack.actions.CredentialButton;
import org.webops.dockerhubbot.slack.actions.RejectButton;

/**
 * The buttons: Reject, which opens a modal; the card's buttons and the credential buttons
 * (Rotate, Revoke), which each name their action.
 */
public record ActionListeners(RejectButton reject, List<CardButton> buttons,
    List<CredentialButton> credentialButtons) {
  public ActionListeners {
    buttons = List.copyOf(buttons);
    credentialButtons = List.copyOf(credentialButtons);
    Set<String> ids = new HashSet<>(Set.of(REJECT_ACTION));
    for (String id : Stream.concat(buttons.stream().map(CardButton::actionId),
        credentialButtons.stream().map(CredentialButton::actionId)).toList()) {
      if (!ids.add(id)) {
        throw new IllegalArgumentException("two listeners for " + id);
      }
    }
  }

  public void register(App app) {
    app.blockAction(REJECT_ACTION, reject);
    buttons.forEach(button -> app.blockAction(button.actionId(), button));
    credentialButtons.forEach(button -> app.blockAction(button.actionId(), button));
  }
}

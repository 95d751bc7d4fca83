package org.webops.dockerhubbot.slack.listeners;

import static org.webops.dockerhubbot.slack.blocks.SlackIds.REJECT_ACTION;

import com.slack.api.bolt.App;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.webops.dockerhubbot.slack.actions.CardButton;
import org.webops.dockerhubbot.slack.actions.RejectButton;

/** The card's buttons: Reject, which opens a modal, and the buttons that each name their action. */
public record ActionListeners(RejectButton reject, List<CardButton> buttons) {
  public ActionListeners {
    buttons = List.copyOf(buttons);
    Set<String> ids = new HashSet<>(Set.of(REJECT_ACTION));
    for (CardButton button : buttons) {
      if (!ids.add(button.actionId())) {
        throw new IllegalArgumentException("two listeners for " + button.actionId());
      }
    }
  }

  public void register(App app) {
    app.blockAction(REJECT_ACTION, reject);
    buttons.forEach(button -> app.blockAction(button.actionId(), button));
  }
}

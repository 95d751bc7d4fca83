package org.webops.dockerhubbot.slack.actions;

import com.slack.api.bolt.request.builtin.BlockActionRequest;

/** The card's buttons carry the request id as their value. */
final class ButtonValues {
  private ButtonValues() {}

  static long requestId(BlockActionRequest request) {
    try {
      return Long.parseLong(request.getPayload().getActions().get(0).getValue());
    } catch (RuntimeException e) {
      return -1;
    }
  }
}

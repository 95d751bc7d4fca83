package org.webops.dockerhubbot.slack.views;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the request modal carries in {@code private_metadata}: the channel the command was typed
 * in, so that replies can go there.
 */
public record ModalMetadata(Optional<String> originChannel) {
  private static final Pattern CONVERSATION_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

  public String serialise() {
    return originChannel.orElse("");
  }

  /** Lenient on purpose: anything that is not a conversation id means "no channel". */
  public static ModalMetadata parse(String privateMetadata) {
    if (privateMetadata == null || !CONVERSATION_ID.matcher(privateMetadata).matches()) {
      return new ModalMetadata(Optional.empty());
    }
    return new ModalMetadata(Optional.of(privateMetadata));
  }

  /** The request id the rotate, revoke and reject modals carry; empty when it is not one. */
  public static Optional<Long> requestId(String privateMetadata) {
    try {
      return Optional.of(Long.parseLong(privateMetadata));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

package org.webops.dockerhubbot.provisioning;

/**
 * A run no longer holds its request's lease (it ran out, a renewal failed, or another runner took
 * it over): the run stops where it is and writes nothing more; whoever holds the lease goes on.
 */
public final class LeaseLostException extends RuntimeException {
  public LeaseLostException(long requestId, String why) {
    super("request #" + requestId + ": the run lost its lease (" + why + ")", null, false, false);
  }
}

package org.webops.dockerhubbot.http;

/**
 * Asked before every external call: throws when the caller may no longer act, for example a run
 * that lost its lease to another runner. The exception is not an {@link ApiException}: nothing
 * was sent.
 */
@FunctionalInterface
public interface Fence {
  Fence NONE = () -> {};

  void check();
}

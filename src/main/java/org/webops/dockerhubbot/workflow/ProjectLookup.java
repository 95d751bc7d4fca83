package org.webops.dockerhubbot.workflow;

/**
 * Whether the CI system knows a pipeline, asked while the request form waits for its answer:
 * implementations answer within a short timeout and say {@link Answer#UNKNOWN} rather than fail.
 */
@FunctionalInterface
public interface ProjectLookup {
  enum Answer {
    EXISTS,
    MISSING,
    /** The CI system did not answer in time or refused; the request is taken unchecked. */
    UNKNOWN
  }

  Answer lookup(String pipeline);
}

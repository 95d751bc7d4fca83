package org.webops.dockerhubbot.workflow;

/**
 * Whether the CI system knows a pipeline, asked while the request form waits for its answer:
 * implementations answer within a short timeout and say {@link Answer.Unknown} rather than fail.
 */
@FunctionalInterface
public interface ProjectLookup {

  /** What the CI system said. */
  sealed interface Answer {
    /** The project, with the ids that name it whatever slug was typed. */
    record Found(ProjectIds ids) implements Answer {}

    record Missing() implements Answer {}

    /** The CI system did not answer in time or refused; the request is taken unchecked. */
    record Unknown() implements Answer {}
  }

  Answer lookup(String pipeline);
}

package org.webops.dockerhubbot.workflow;

import org.webops.dockerhubbot.notices.NoticeEvent;

/**
 * A request made a {@link Transition}; written for each audience the transition tells.
 *
 * @param by the user who made the move, or {@code bot}
 * @param note what the mover said: the reason of a rejection or a revocation; empty otherwise
 */
public record RequestMoved(Transition transition, String by, String note) implements NoticeEvent {}

package org.webops.dockerhubbot.notices;

/**
 * A notice written into the outbox as finished Slack text, before notices were typed events;
 * delivered as it was stored.
 */
public record Prewritten(String text) implements NoticeEvent {}

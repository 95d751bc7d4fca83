package org.webops.dockerhubbot.workflow;

/** Where a Slack message lives, so that it can be rewritten or replied to in a thread. */
public record MessageRef(String channel, String ts) {}

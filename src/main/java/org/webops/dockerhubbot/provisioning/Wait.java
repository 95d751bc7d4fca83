package org.webops.dockerhubbot.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * What a waiting run waits for.
 *
 * @param wakeAt when the bot looks again by itself ({@link WaitFor#POLL}); empty: only on a click
 * @param polls how many times the bot has looked by itself so far
 */
public record Wait(WaitFor waitFor, Optional<Instant> wakeAt, int polls) {}

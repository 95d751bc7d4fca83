package org.webops.dockerhubbot.workflow;

import java.time.Instant;
import java.util.Optional;

/** An approver's approval or rejection; {@code note} is the rejection reason. */
public record Decision(String by, Instant at, Optional<String> note) {}

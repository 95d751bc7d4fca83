package org.webops.dockerhubbot.workflow;

import java.util.Optional;

/**
 * How CircleCI itself names a request's project, when its lookup answered: the project's id (one
 * project, one live request, whatever slug was typed) and its organisation's id.
 */
public record ProjectIds(String projectId, Optional<String> organisationId) {}

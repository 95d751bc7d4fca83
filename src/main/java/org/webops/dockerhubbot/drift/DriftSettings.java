package org.webops.dockerhubbot.drift;

import java.util.Optional;

/**
 * What the drift check looks at.
 *
 * @param org the Docker Hub organisation
 * @param team {@code DOCKERHUB_TEAM}, where service users are; empty when service users are not
 *     set up (the team is then not looked at)
 * @param orgTokens whether the admin credential may list organisation tokens (an owner's password
 *     login; an organisation token may not)
 * @param admin the admin's own Docker ID, which is in no request but is no stranger either
 */
public record DriftSettings(String org, Optional<String> team, boolean orgTokens,
    Optional<String> admin) {}

package org.webops.dockerhubbot.notices;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something about a request that people are told of. The core says what happened, as a typed
 * record; the Slack edge words it when it delivers the notice. Never carries a secret.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface NoticeEvent {}

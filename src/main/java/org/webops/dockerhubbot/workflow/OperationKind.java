package org.webops.dockerhubbot.workflow;

/** What a run does to a request's credential; a credential has at most one open at a time. */
public enum OperationKind {
  /** Makes the credential and hands it over: the run that follows approval. */
  PROVISION,
  /** Replaces the token, keeping scope and target. */
  ROTATE,
  /** Deletes everything the bot made for the request. */
  REVOKE
}

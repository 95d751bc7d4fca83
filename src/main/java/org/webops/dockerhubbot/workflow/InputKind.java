package org.webops.dockerhubbot.workflow;

/** How a form field is filled in; each front end picks its own widget for each. */
public enum InputKind {
  SINGLE_LINE_TEXT,
  MULTI_LINE_TEXT,
  /** One choice from a drop-down list. */
  STATIC_SELECT,
  /** One choice, all of them shown. */
  RADIO_BUTTONS
}

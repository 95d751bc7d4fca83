/**
 * The Prometheus registry and what counts into it, an edge like the web and Slack ones: it
 * implements the core's small meters ({@code CallMeter}, {@code RunMeter}, {@code
 * SecretLinkEvents}) and reads {@code RequestCounts}, so the core never sees Micrometer. Every
 * label is one of a few fixed values (kind, step, state, status, endpoint template, Slack
 * method); none carries a request id, a user id, a pipeline, a token label or a secret.
 */
package org.webops.dockerhubbot.metrics;

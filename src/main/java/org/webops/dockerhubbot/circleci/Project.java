package org.webops.dockerhubbot.circleci;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A CircleCI project ({@code GET /project/{project-slug}}). */
public record Project(
    @JsonProperty("slug") String slug,
    @JsonProperty("name") String name,
    @JsonProperty("id") String id,
    @JsonProperty("organization_name") String organizationName,
    @JsonProperty("organization_slug") String organizationSlug,
    @JsonProperty("organization_id") String organizationId,
    @JsonProperty("vcs_info") VcsInfo vcsInfo) {

  public record VcsInfo(
      @JsonProperty("vcs_url") String vcsUrl,
      @JsonProperty("provider") String provider,
      @JsonProperty("default_branch") String defaultBranch) {}
}

package org.webops.dockerhubbot.dockerhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an organisation access token may reach ({@code orgAccessTokenResource}): a repository path
 * ({@code org/repo}, {@code org/*}, {@code *}{@code /*}{@code /public}) and scopes such as
 * {@code scope-image-pull}.
 */
public record OrgTokenResource(
    @JsonProperty("type") String type,
    @JsonProperty("path") String path,
    @JsonProperty("scopes") List<String> scopes) {

  public static final String TYPE_REPO = "TYPE_REPO";
  public static final String SCOPE_IMAGE_PULL = "scope-image-pull";
  public static final String SCOPE_IMAGE_PUSH = "scope-image-push";

  /** Pull-only access to one repository path. */
  public static OrgTokenResource pull(String path) {
    return new OrgTokenResource(TYPE_REPO, path, List.of(SCOPE_IMAGE_PULL));
  }
}

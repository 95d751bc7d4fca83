package org.webops.dockerhubbot.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * A variable name a live request will write into a CircleCI context: no two live requests may
 * write the same name into the same context. A context is named once per way the bot knows its
 * organisation (CircleCI's organisation id when the form's lookup answered, and the slug's
 * organisation always), so that a request checked against CircleCI and one taken unchecked still
 * meet.
 */
public record VariableClaim(String target, String name) {

  /** The claims of a request; empty for project variables (one project has one live request). */
  public static List<VariableClaim> of(RequestSpec spec, ProjectLookup.Answer lookup) {
    if (spec.circleciContext().isEmpty()) {
      return List.of();
    }
    String context = spec.circleciContext().get();
    List<String> owners = new ArrayList<>();
    if (lookup instanceof ProjectLookup.Answer.Found found) {
      found.ids().organisationId().ifPresent(id -> owners.add("org-id:" + id));
    }
    owners.add("org:" + PipelineKey.organisation(spec.pipeline()));
    List<VariableClaim> claims = new ArrayList<>();
    for (String owner : owners) {
      String target = "context:" + owner + "/" + context;
      claims.add(new VariableClaim(target, spec.userVariable()));
      claims.add(new VariableClaim(target, spec.tokenVariable()));
    }
    return claims;
  }
}

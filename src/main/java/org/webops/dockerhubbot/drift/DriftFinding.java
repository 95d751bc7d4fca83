package org.webops.dockerhubbot.drift;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One difference between what the bot made and what Docker Hub or CircleCI show now. Names,
 * labels and ids only: never a token's or a variable's value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface DriftFinding {

  /** Stable words that identify the finding: sorted, they make a report's fingerprint. */
  String key();

  /** A finding about a credential the bot made, which Rotate or Revoke can act on. */
  sealed interface Owned extends DriftFinding {
    long requestId();

    String pipeline();

    /** Whether a rotation (new token, CircleCI written again) puts it right. */
    boolean rotationFixes();
  }

  /** The credential's organisation token is not in Docker Hub's list any more. */
  record OrgTokenMissing(long requestId, String pipeline, String label) implements Owned {
    @Override
    public String key() {
      return "r" + requestId + " org-token-missing " + label;
    }

    @Override
    public boolean rotationFixes() {
      return true;
    }
  }

  /** The credential's organisation token is listed but deactivated. */
  record OrgTokenInactive(long requestId, String pipeline, String label) implements Owned {
    @Override
    public String key() {
      return "r" + requestId + " org-token-inactive " + label;
    }

    @Override
    public boolean rotationFixes() {
      return true;
    }
  }

  /**
   * CircleCI does not have variables the bot wrote for the credential.
   *
   * @param context the context's name, or empty for the project's environment variables
   * @param gone the project or context itself is gone (or the CircleCI token cannot see it)
   */
  record VariablesMissing(long requestId, String pipeline, String context, List<String> names,
      boolean gone) implements Owned {
    public VariablesMissing {
      names = List.copyOf(names);
    }

    @Override
    public String key() {
      return "r" + requestId + " variables-missing " + (context.isEmpty() ? "project" : context)
          + " " + String.join(",", names);
    }

    @Override
    public boolean rotationFixes() {
      return !gone;
    }
  }

  /** The credential's service user is not in the team any more. */
  record NotInTeam(long requestId, String pipeline, String dockerId, String team)
      implements Owned {
    @Override
    public String key() {
      return "r" + requestId + " not-in-team " + dockerId.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean rotationFixes() {
      return false;
    }
  }

  /** An organisation token with the bot's label prefix that no live request owns. */
  record OrphanToken(String label, String tokenId, boolean active) implements DriftFinding {
    @Override
    public String key() {
      return "orphan-token " + label + " " + tokenId;
    }
  }

  /** A member of the team who is no live request's service user (made by hand, or left over). */
  record UnknownTeamMember(String username, String team) implements DriftFinding {
    @Override
    public String key() {
      return "unknown-team-member " + username.toLowerCase(java.util.Locale.ROOT);
    }
  }
}

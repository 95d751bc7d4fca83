package org.webops.dockerhubbot.circleci;

import java.util.Objects;

/**
 * Who owns contexts: an organisation by slug ({@code gh/my-org}, {@code circleci/<org-id>}) or an
 * owner by id with its type ({@code organization} or {@code account}).
 */
public sealed interface ContextOwner {

  record Slug(String slug) implements ContextOwner {
    public Slug {
      Objects.requireNonNull(slug, "slug");
    }
  }

  record Id(String id, String type) implements ContextOwner {
    public Id {
      Objects.requireNonNull(id, "id");
      if (type != null && !type.equals("organization") && !type.equals("account")) {
        throw new IllegalArgumentException("owner type must be organization or account");
      }
    }
  }
}

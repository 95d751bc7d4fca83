package org.webops.dockerhubbot.provisioning.steps;

import java.util.List;

/** Listing and deleting one kind of token, as the credential's kind allows. */
interface TokenApi {

  /** A token as Docker Hub lists it. */
  record Listed(String id, String label, boolean active) {}

  List<Listed> list();

  void delete(String id);
}

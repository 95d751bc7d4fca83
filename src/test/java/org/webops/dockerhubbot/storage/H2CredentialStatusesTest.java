package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

class H2CredentialStatusesTest extends CredentialStatusesContract {
  @Override
  Database openDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}

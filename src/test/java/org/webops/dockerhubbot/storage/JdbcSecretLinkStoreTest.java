package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

class JdbcSecretLinkStoreTest extends SecretLinkStoreContract {
  @Override
  Database openDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}

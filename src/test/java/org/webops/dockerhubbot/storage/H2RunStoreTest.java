package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

class H2RunStoreTest extends RunStoreContract {
  @Override
  Database openDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}

package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

class H2RequestCountsTest extends RequestCountsContract {
  @Override
  Database openDatabase(Path dir) {
    return TestDatabases.h2(dir);
  }
}

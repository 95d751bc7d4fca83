package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

class H2LifecycleMigrationTest extends LifecycleMigrationContract {
  @Override
  Database emptyDatabase(Path dir) {
    return Database.connect(DatabaseUrl.parse("jdbc:h2:file:" + dir.resolve("db")));
  }
}

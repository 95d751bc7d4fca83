package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

/** The lifecycle migration against a real PostgreSQL server ({@code TEST_POSTGRES_URL}). */
class PostgresLifecycleMigrationIT extends LifecycleMigrationContract {
  @Override
  Database emptyDatabase(Path dir) {
    return TestDatabases.emptyPostgres();
  }
}

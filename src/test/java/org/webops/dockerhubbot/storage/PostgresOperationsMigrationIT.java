package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

/** The same migration against a real PostgreSQL server ({@code TEST_POSTGRES_URL}). */
class PostgresOperationsMigrationIT extends OperationsMigrationContract {
  @Override
  Database emptyDatabase(Path dir) {
    return TestDatabases.emptyPostgres();
  }
}

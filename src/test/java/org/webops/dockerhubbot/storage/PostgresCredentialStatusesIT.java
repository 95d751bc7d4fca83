package org.webops.dockerhubbot.storage;

import java.nio.file.Path;

/** The same contract against a real PostgreSQL server ({@code TEST_POSTGRES_URL}). */
class PostgresCredentialStatusesIT extends CredentialStatusesContract {
  @Override
  Database openDatabase(Path dir) {
    return TestDatabases.postgres();
  }
}

package org.webops.dockerhubbot.storage;

import java.sql.SQLException;

/** A database call failed. The message names the operation, never the values involved. */
public final class StorageException extends RuntimeException {
  public StorageException(String operation, SQLException cause) {
    super(operation + " failed: SQLState " + cause.getSQLState(), cause);
  }
}

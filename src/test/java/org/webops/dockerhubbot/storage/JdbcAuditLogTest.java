package org.webops.dockerhubbot.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webops.dockerhubbot.audit.AuditEvent;

class JdbcAuditLogTest {
  @TempDir Path dir;

  @Test
  void forRequest_afterRecords_returnsThatRequestsEventsInOrder() {
    try (Database db = TestDatabases.h2(dir)) {
      // given
      JdbcAuditLog audit = new JdbcAuditLog(db.dataSource());
      long one = TestDatabases.insertRequest(db, "gh/org/one");
      long two = TestDatabases.insertRequest(db, "gh/org/two");
      Instant t = Instant.parse("2030-01-01T10:00:00Z");
      AuditEvent second = new AuditEvent(one, "U1", "approved", "ok", t.plusSeconds(1));
      AuditEvent first = new AuditEvent(one, "bot", "created", "", t);
      // when
      audit.record(second);
      audit.record(new AuditEvent(two, "bot", "created", "", t));
      audit.record(new AuditEvent(null, "bot", "startup", "no request", t));
      audit.record(first);
      // then
      assertEquals(List.of(first, second), audit.forRequest(one));
    }
  }
}

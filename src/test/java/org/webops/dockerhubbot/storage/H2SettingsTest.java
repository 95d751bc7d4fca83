package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every H2 file database is opened so that a commit survives the process being killed. */
class H2SettingsTest {
  @TempDir Path dir;

  @Test
  void apply_defaultFileUrl_writesEachCommitAtOnceInPostgresMode() {
    assertThat(H2Settings.apply("jdbc:h2:file:./data/bot")).isEqualTo("jdbc:h2:file:./data/bot"
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
  }

  @Test
  void apply_userUrlWithItsOwnModeAndWriteDelay_keepsTheModeButWritesAtOnce() {
    String url = H2Settings.apply("jdbc:h2:file:/srv/bot;mode=Regular;write_delay=500;CIPHER=AES");

    assertThat(url).startsWith("jdbc:h2:file:/srv/bot;").contains(";MODE=Regular", ";CIPHER=AES",
        ";WRITE_DELAY=0").doesNotContain("500", "PostgreSQL");
  }

  @Test
  void apply_otherFormsOfFiles_alsoWriteAtOnce() {
    assertThat(H2Settings.apply("jdbc:h2:./bot")).contains(";WRITE_DELAY=0");
    assertThat(H2Settings.apply("jdbc:h2:~/bot;AUTO_SERVER=TRUE")).contains(";WRITE_DELAY=0",
        ";AUTO_SERVER=TRUE");
    assertThat(H2Settings.apply("jdbc:h2:tcp://db.internal/bot")).contains(";WRITE_DELAY=0");
  }

  @Test
  void apply_inMemoryOrPostgres_noWriteDelaySetting() {
    assertThat(H2Settings.apply("jdbc:h2:mem:test")).doesNotContain("WRITE_DELAY")
        .contains(";MODE=PostgreSQL");
    assertThat(H2Settings.apply("jdbc:postgresql://db/bot?sslmode=require"))
        .isEqualTo("jdbc:postgresql://db/bot?sslmode=require");
  }

  @Test
  void open_urlAskingForAWriteDelay_theDatabaseRunsWithNone() throws Exception {
    try (Database db = Database.open(DatabaseUrl.parse(
        "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=500"));
        Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT SETTING_VALUE FROM"
            + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("0");
    }
  }
}

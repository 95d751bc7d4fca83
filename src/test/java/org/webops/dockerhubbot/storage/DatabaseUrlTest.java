package org.webops.dockerhubbot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Credentials never stay in the URL that reaches the pool, the drivers or a log line. */
class DatabaseUrlTest {

  @Test
  void parse_herokuStyle_passwordWithAPlusKeptAndOutOfTheUrl() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://bot:pa+ss%2Fw0rd@db.example.org:5433/bot");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5433/bot");
    assertThat(url.username()).contains("bot");
    assertThat(url.password()).contains("pa+ss/w0rd");
  }

  @Test
  void parse_jdbcPostgresWithCredentialsInTheQuery_takenOutOtherParametersKept() {
    DatabaseUrl url = DatabaseUrl.parse(
        "jdbc:postgresql://db/bot?user=bot&password=s3cr%2Bet&sslmode=require");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/bot?sslmode=require");
    assertThat(url.username()).contains("bot");
    assertThat(url.password()).contains("s3cr+et");
  }

  @Test
  void parse_h2WithUserAndPassword_takenOutOfTheSettings() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:h2:file:./data/bot;USER=sa;Password=h2-s3cret;"
        + "MODE=PostgreSQL");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:file:./data/bot;MODE=PostgreSQL");
    assertThat(url.username()).contains("sa");
    assertThat(url.password()).contains("h2-s3cret");
  }

  @Test
  void toString_everyForm_showsNoPassword() {
    for (String given : new String[] {"postgres://bot:pw-one@db/bot",
        "jdbc:postgresql://db/bot?password=pw-two", "jdbc:h2:file:x;PASSWORD=pw-three"}) {
      assertThat(DatabaseUrl.parse(given).toString()).doesNotContain("pw-").contains("***");
    }
  }

  @Test
  void loggedUrls_maskUserinfoAndPasswordParameters() {
    assertThat(LoggedUrls.mask("https://user:pw-1@example.org/x?password=pw-2&a=b;PASSWORD=pw-3"))
        .isEqualTo("https://***@example.org/x?password=***&a=b;PASSWORD=***");
    assertThat(LoggedUrls.mask("jdbc:postgresql://db/bot")).isEqualTo("jdbc:postgresql://db/bot");
  }

  @Test
  void parse_defaultAndNoCredentials_unchanged() {
    assertThat(DatabaseUrl.parse(null).jdbcUrl()).isEqualTo(DatabaseUrl.DEFAULT_H2);
    assertThat(DatabaseUrl.parse("jdbc:postgresql://db/bot").password()).isEqualTo(Optional.empty());
  }
}

package org.webops.dockerhubbot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webops.dockerhubbot.testing.LogCapture;
import org.webops.dockerhubbot.testing.OpenedLinks;
import org.webops.dockerhubbot.testing.RunningBot;
import org.webops.dockerhubbot.workflow.RequestState;

/**
 * Both flows end to end with every Slack call and all log output recorded: the generated password
 * and the tokens appear in none of them, nor in any table in plain text. They exist only in the
 * one-time links' ciphertext (and, for the password, the encrypted kept secret) until opened.
 */
class ProvisioningSecretsIT {
  static final List<String> TABLES = List.of("requests", "audit_events", "operations",
      "operation_steps", "outbox", "secret_links", "kept_secrets", "docker_ids");

  @RegisterExtension final RunningBot running = new RunningBot();

  @Test
  void bothFlows_secretsOnlyInsideTheEncryptedLinks() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      // organisation token
      Flow org = new Flow(running);
      org.submitAndApprove(Flow.orgToken().with("pipeline", "gh/example/org-flow"));
      org.awaitState(RequestState.DONE);
      String orgToken = running.bot().dockerhub().orgTokens().get(0).token();

      // service user
      Flow user = new Flow(running);
      user.submitAndApprove(Flow.serviceUser().with("pipeline", "gh/example/user-flow"));
      user.awaitCard("Waiting for <@" + Flow.APPROVER + ">");
      assertThat(encryptedLinkRows()).isEqualTo(2); // org credentials + sign-up, unopened
      user.click(Flow.OTHER_APPROVER, "sign-up-again-action");
      user.awaitThread("the sign-up details again");
      assertThat(encryptedLinkRows()).isEqualTo(2); // the new sign-up link voided the first
      String signUpText = user.linksTo(Flow.OTHER_APPROVER).stream()
          .filter(t -> t.contains("Sign-up for request #" + user.id())).findFirst().orElseThrow();
      JsonNode signUp = OpenedLinks.open(running.bot().secretLinks(), signUpText);
      String dockerId = OpenedLinks.field(signUp, "Docker ID");
      String password = OpenedLinks.field(signUp, "Password");
      running.bot().dockerhub().signUp(dockerId, password);
      user.click(Flow.APPROVER, "signed-up-action");
      Drive.acceptInvitation(user, dockerId);
      user.awaitState(RequestState.DONE);
      String userToken = running.bot().dockerhub().personalTokens(dockerId).get(0).token();

      // then: nowhere in Slack, the logs or the database in plain text
      List<String> secrets = List.of(orgToken, password, userToken);
      String slackTraffic = String.join("\n", running.slack().allBodies());
      String database = dumpDatabase();
      for (String secret : secrets) {
        assertThat(slackTraffic).doesNotContain(secret);
        assertThat(logs.text()).doesNotContain(secret);
        assertThat(database).doesNotContain(secret);
      }
      assertThat(logs.size()).isGreaterThan(50); // the capture saw the runs
      assertThat(encryptedLinkRows()).isEqualTo(2); // both credential links, unopened
      assertThat(database).contains("kept_secrets").contains("v1:"); // the password, encrypted

      // and the links do carry them
      assertThat(OpenedLinks.field(org.openLink("Credentials for `gh/example/org-flow`"),
          "Organisation access token")).isEqualTo(orgToken);
      JsonNode credentials = user.openLink("Credentials for `gh/example/user-flow`");
      assertThat(OpenedLinks.field(credentials, "Password")).isEqualTo(password);
      assertThat(OpenedLinks.field(credentials, "Access token")).isEqualTo(userToken);
    }
  }

  private int encryptedLinkRows() throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rows = st.executeQuery("SELECT COUNT(*) FROM secret_links WHERE ciphertext IS NOT NULL")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private String dumpDatabase() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
      for (String table : TABLES) {
        out.append(table).append('\n');
        try (ResultSet rows = st.executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              Object value = rows.getObject(i);
              out.append(value instanceof byte[] bytes ? new String(bytes,
                  java.nio.charset.StandardCharsets.ISO_8859_1) : String.valueOf(value)).append('|');
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private DataSource dataSource() {
    return running.bot().requestsDataSource();
  }
}

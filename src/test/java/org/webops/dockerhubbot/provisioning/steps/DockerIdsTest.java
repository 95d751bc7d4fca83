package org.webops.dockerhubbot.provisioning.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerIdsTest {
  @Test
  void base_fromTheRepositoryName_lowercaseLettersAndDigitsOnly() {
    assertThat(DockerIds.base("gh/ministryofjustice/opg-refunds")).isEqualTo("opgrefunds");
    assertThat(DockerIds.base("gh/org/My_Repo.2")).isEqualTo("myrepo2");
  }

  @Test
  void base_shortOrLong_paddedOrCutToFourToThirty() {
    assertThat(DockerIds.base("gh/org/ab")).isEqualTo("abci");
    assertThat(DockerIds.base("gh/org/---")).isEqualTo("pipeline");
    assertThat(DockerIds.base("gh/org/" + "x".repeat(40))).hasSize(30);
  }

  @Test
  void candidate_suffixStillFitsThirty() {
    String base = "y".repeat(30);
    assertThat(DockerIds.candidate(base, 1)).isEqualTo(base);
    assertThat(DockerIds.candidate(base, 2)).isEqualTo("y".repeat(29) + "2");
    assertThat(DockerIds.candidate(base, 12)).hasSize(30).endsWith("12");
    assertThat(DockerIds.candidate("app", 3)).isEqualTo("app3");
  }

  @Test
  void generate_passwords_strongAndDifferent() {
    Passwords passwords = new Passwords(new SecureRandom());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String password = passwords.generate();
      assertThat(password).hasSize(32).matches(".*[a-z].*").matches(".*[A-Z].*")
          .matches(".*[0-9].*").matches(".*[-_.!@#%+=].*");
      seen.add(password);
    }
    assertThat(seen).hasSize(200);
  }
}

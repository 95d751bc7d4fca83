package org.webops.dockerhubbot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.slack.api.methods.MethodsClient;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The direction of the code, held by ArchUnit over the main classes: the core (requests,
 * operations, secret links, notices) knows nothing of Slack, the web server or the database;
 * the edges and the storage depend on the core, never the other way; the core and the API
 * clients count through their own small meters, never Micrometer; only the wiring sees
 * everything; one class sends to Slack; and no two packages depend on each other.
 */
class LayeringTest {
  private static final String ROOT = "org.webops.dockerhubbot";
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  @Test
  void layers_eachOnlyUsedByTheLayersAboveIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Wiring").definedBy(ROOT)
        .layer("Slack edge").definedBy(ROOT + ".slack..")
        .layer("Web edge").definedBy(ROOT + ".web..")
        .layer("Metrics edge").definedBy(ROOT + ".metrics..")
        .layer("Storage").definedBy(ROOT + ".storage..")
        .layer("Core").definedBy(ROOT + ".workflow..", ROOT + ".provisioning..",
            ROOT + ".secretlinks..", ROOT + ".notices..", ROOT + ".audit..", ROOT + ".text..",
            ROOT + ".health..", ROOT + ".lifecycle..", ROOT + ".drift..", ROOT + ".logs..")
        .layer("API clients").definedBy(ROOT + ".http..", ROOT + ".dockerhub..",
            ROOT + ".circleci..")
        .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
        .whereLayer("Slack edge").mayOnlyBeAccessedByLayers("Wiring")
        .whereLayer("Web edge").mayOnlyBeAccessedByLayers("Wiring")
        .whereLayer("Metrics edge").mayOnlyBeAccessedByLayers("Wiring")
        .whereLayer("Storage").mayOnlyBeAccessedByLayers("Wiring")
        .whereLayer("Core").mayOnlyBeAccessedByLayers("Wiring", "Slack edge", "Web edge",
            "Metrics edge", "Storage")
        .whereLayer("API clients").mayOnlyBeAccessedByLayers("Wiring", "Core", "Metrics edge")
        .check(MAIN);
  }

  @Test
  void core_knowsNeitherSlackNorJavalinNorJdbc() {
    noClasses().that().resideInAnyPackage(ROOT + ".workflow..", ROOT + ".provisioning..",
            ROOT + ".lifecycle..", ROOT + ".drift..", ROOT + ".health..",
            ROOT + ".secretlinks..", ROOT + ".notices..", ROOT + ".audit..", ROOT + ".text..",
            ROOT + ".logs..")
        .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "io.javalin..",
            "java.sql..", "javax.sql..", "org.flywaydb..", "com.zaxxer..")
        .check(MAIN);
  }

  @Test
  void coreAndApiClients_countThroughTheirMetersNeverMicrometer() {
    noClasses().that().resideInAnyPackage(ROOT + ".workflow..", ROOT + ".provisioning..",
            ROOT + ".lifecycle..", ROOT + ".drift..", ROOT + ".secretlinks..",
            ROOT + ".notices..", ROOT + ".audit..", ROOT + ".text..", ROOT + ".health..",
            ROOT + ".http..", ROOT + ".dockerhub..", ROOT + ".circleci..", ROOT + ".web..",
            ROOT + ".slack..")
        .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
        .check(MAIN);
  }

  @Test
  void slack_onlyTheMessengerSendsMessagesAndViews() {
    DescribedPredicate<JavaMethodCall> sendsToSlack = DescribedPredicate.describe(
        "sends a message or a view through Slack's Web API", call ->
            call.getTargetOwner().isAssignableTo(MethodsClient.class)
                && call.getName().matches("(chat|views).*"));
    noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".slack.SlackMessenger")
        .should().callMethodWhere(sendsToSlack)
        .check(MAIN);
  }

  @Test
  void packages_freeOfCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
  }
}

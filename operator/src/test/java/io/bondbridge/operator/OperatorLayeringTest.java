package io.bondbridge.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The decisions are pure; only the reconciler and main talk to the cluster. */
@AnalyzeClasses(
    packages = "io.bondbridge.operator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class OperatorLayeringTest {

  @ArchTest
  static final ArchRule modelIsPure =
      noClasses()
          .that()
          .resideInAPackage("io.bondbridge.operator.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.fabric8.kubernetes.client..",
              "io.javaoperatorsdk..",
              "java.io..",
              "java.net..",
              "java.nio.file..",
              "io.bondbridge.operator")
          .because("model computes desired state from values; I/O lives in the reconciler");

  @ArchTest
  static final ArchRule notTheAgent =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.bondbridge.agent..")
          .because("operator and agent share only the API types (crds/)");
}

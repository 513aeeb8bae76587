package io.bondbridge.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The API module is values and the pure contract beside them (resolution, conditions): it depends
 * on nothing of ours and performs no I/O.
 */
@AnalyzeClasses(
    packages = "io.bondbridge.api",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ApiLayeringTest {

  @ArchTest
  static final ArchRule typesOnly =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.bondbridge.api..",
              "java.lang..",
              "java.util..",
              // Conditions: the transition time of a condition
              "java.time..",
              "com.fasterxml.jackson.annotation..",
              // Reading: the lenient reader of a spec or status (a Jackson deserializer)
              "com.fasterxml.jackson.core..",
              "com.fasterxml.jackson.databind..",
              "java.io..",
              "io.fabric8.generator.annotation..",
              "io.fabric8.crd.generator.annotation..",
              "io.fabric8.kubernetes.model.annotation..",
              "io.fabric8.kubernetes.api.model..",
              "io.fabric8.kubernetes.client")
          .because("crds/ holds only the API types; operator and agent logic lives elsewhere");
}

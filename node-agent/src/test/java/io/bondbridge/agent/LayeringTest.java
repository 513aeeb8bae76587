package io.bondbridge.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The agent's layering: the host model and the planner are pure (values in, values out), the
 * parsers too; only the observer, the applier and the CLI touch the host.
 */
@AnalyzeClasses(packages = "io.bondbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  private static final String[] IO = {
    "java.io..",
    "java.nio.file..",
    "java.net..",
    "io.fabric8.kubernetes.client..",
    "io.bondbridge.agent.exec..",
    "io.bondbridge.agent.apply..",
    "io.bondbridge.agent.cli.."
  };

  @ArchTest
  static final ArchRule planningIsPure =
      noClasses()
          .that()
          .resideInAnyPackage("io.bondbridge.agent.plan..", "io.bondbridge.agent.host..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(IO)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("io.bondbridge.agent.observe..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ProcessBuilder.class.getName())
          .because("the planner is a pure function of the desired spec and the observed host");

  @ArchTest
  static final ArchRule parsersArePure =
      noClasses()
          .that()
          .resideInAPackage("io.bondbridge.agent.observe..")
          .and()
          .doNotHaveSimpleName("HostObserver")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(IO)
          .because("parsers are fixture-tested functions; HostObserver alone reads the host");

  @ArchTest
  static final ArchRule agentIsNotTheOperator =
      noClasses()
          .that()
          .resideInAPackage("io.bondbridge.agent..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.bondbridge.operator..")
          .because("operator and node agent meet only through the API types in crds/");
}

package io.bondbridge.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The agent's layering: the host model and the planner are pure (values in, values out), the
 * parsers too; only the observer, the applier and the CLI touch the host. The agent in the cluster
 * ({@code cluster/}) reaches the host only through the exec seam ({@link
 * io.bondbridge.agent.exec.CommandRunner}) and the engine ({@code NodeHost}).
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
  static final ArchRule importAndExportArePure =
      noClasses()
          .that()
          .resideInAnyPackage("io.bondbridge.agent.importer..", "io.bondbridge.agent.exporter..")
          .and()
          .haveNameNotMatching(".*\\.(\\w+Files|Stanzas|ImportResult)(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(IO)
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ProcessBuilder.class.getName())
          .because(
              "each format's reading and writing is a fixture-tested function; the *Files readers"
                  + " alone read files, and export writes none (the CLI does)");

  @ArchTest
  static final ArchRule agentIsNotTheOperator =
      noClasses()
          .that()
          .resideInAPackage("io.bondbridge.agent..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.bondbridge.operator..")
          .because("operator and node agent meet only through the API types in crds/");

  private static final String CLUSTER = "io.bondbridge.agent.cluster..";

  @ArchTest
  static final ArchRule clusterRunsNoProcessOfItsOwn =
      noClasses()
          .that()
          .resideInAPackage(CLUSTER)
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ProcessBuilder.class.getName())
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(Process.class.getName())
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ProcessHandle.class.getName())
          .because("every command runs through exec/ (CommandRunner: timeouts, killing, one seam)");

  @ArchTest
  static final ArchRule clusterReadsNoFilesButWhereNamed =
      noClasses()
          .that()
          .resideInAPackage(CLUSTER)
          // reads its own process's /proc/self/status, not the host's network
          .and()
          .doNotHaveSimpleName("Capabilities")
          // take --state-dir as a Path and hand it to the engine's StateDir; no I/O of their own
          .and()
          .doNotHaveSimpleName("AgentCommand")
          .and()
          .doNotHaveSimpleName("NodeHost")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.nio.file..")
          .because(
              "the host is read through HostObserver (its root: /proc and /sys) and the engine");

  @ArchTest
  static final ArchRule clusterOpensNoSocketButTheProbeServer =
      noClasses()
          .that()
          .resideInAPackage(CLUSTER)
          .and()
          .doNotHaveSimpleName("ProbeServer") // /healthz, /readyz, /metrics
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("java.net..", "com.sun.net.httpserver..")
                  .and(not(equivalentTo(java.net.URI.class))))
          .because("the API server is reached through kube/, probes through safety/");

  @ArchTest
  static final ArchRule theAgentReachesTheApiServerThroughItsOwnLeanClient =
      noClasses()
          .that()
          .resideInAPackage(CLUSTER)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.fabric8.kubernetes.client..")
          .because(
              "kube/ is the agent's client (watch, patch, create on the JDK's HTTP client): the"
                  + " fabric8 client's ~700 classes are most of what the agent would load");
}

package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What the fabric8 mock API server cannot show, on a real one (k3s through Testcontainers): the
 * chart's CRDs installed as a user's `helm install` does; their schema and CEL rules reject the
 * invalid corpus (crds/src/test/resources/invalid); the API server applies the schema defaults;
 * status goes through the status subresource only; the real operator (in-process) rolls out to the
 * k3s node while this test plays the node agent; deleting a BondBridge (foreground, so the garbage
 * collector does it) removes its children only after the agent released its finalizer.
 *
 * <p>Skipped, with the reason, where there is no Docker: {@code mvn -pl helm verify}.
 */
@Testcontainers(disabledWithoutDocker = true)
class BondBridgeK3sIT {
  private static final Path INVALID = Path.of("..", "crds", "src", "test", "resources", "invalid");
  private static final Pattern EXPECT = Pattern.compile("^# expect: (.*)$", Pattern.MULTILINE);

  /** The API server words schema errors its own way: for those only the field is compared. */
  private static final List<String> SCHEMA_WORDING =
      List.of(
          "does not match the regex",
          "must have a minimum value",
          "must have a maximum value",
          "must be at most",
          "must have at most",
          "must have at least",
          "required property",
          "does not have a value in the enumeration",
          "found, integer expected",
          "unknown field");

  @Container
  static final K3sContainer K3S =
      new K3sContainer(
          DockerImageName.parse(System.getProperty("k3s.image", "rancher/k3s:v1.31.4-k3s1")));

  private static KubernetesClient client;
  private static BondBridgeOperator operator;
  private static String node;

  @BeforeAll
  static void installCrdsAndStartTheOperator() throws IOException {
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml()))
            .build();
    // the CRDs exactly as the chart installs them (ChartCrdsTest: identical to the generated)
    try (Stream<Path> files = Files.list(Chart.DIR.resolve("crds"))) {
      for (Path file : files.sorted().toList()) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
        client.resource(crd).serverSideApply();
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(
                c ->
                    c.getStatus() != null
                        && c.getStatus().getConditions().stream()
                            .anyMatch(
                                x ->
                                    x.getType().equals("Established")
                                        && x.getStatus().equals("True")),
                60,
                java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    node = client.nodes().list().getItems().get(0).getMetadata().getName();
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getMetadata().getLabels().put("bondbridge.io/uplink", "true");
              return n;
            });
    operator =
        new BondBridgeOperator(
            client,
            OperatorSettings.defaults().withAgentTimeout(Duration.ofMinutes(5)),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (client != null) {
      client.close();
    }
  }

  private static GenericKubernetesResource generic(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  @Test
  void theApiServerRejectsTheInvalidCorpus() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(INVALID)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(50);
    for (Path file : files) {
      String yaml = Files.readString(file);
      var expect = EXPECT.matcher(yaml);
      assertThat(expect.find()).as("%s starts with # expect:", file).isTrue();
      String expected = expect.group(1).strip();
      GenericKubernetesResource object = generic(yaml);
      try {
        // kubectl apply validates strictly: unknown fields are errors, not warnings
        client.resource(object).fieldValidation(Validation.STRICT).create();
        problems.add(file.getFileName() + ": admitted");
        client.resource(object).withGracePeriod(0).delete();
      } catch (KubernetesClientException e) {
        String message = String.valueOf(e.getMessage());
        if (e.getCode() != 422 && e.getCode() != 400) {
          problems.add(file.getFileName() + ": HTTP " + e.getCode() + " " + message);
        } else if (!message.contains(looseExpectation(expected))) {
          problems.add(
              file.getFileName()
                  + ": expected a mention of \""
                  + looseExpectation(expected)
                  + "\" but got: "
                  + message);
        }
      }
    }
    assertThat(problems)
        .as("invalid specs the real API server did not reject as expected")
        .isEmpty();
  }

  /**
   * A CEL rule's message comes through verbatim; for a schema error, the last segment of the field
   * path (e.g. "name" for spec.bond.name, "nmae" for an unknown field).
   */
  static String looseExpectation(String expected) {
    int colon = expected.indexOf(": ");
    String path = colon < 0 ? "" : expected.substring(0, colon);
    String text = colon < 0 ? expected : expected.substring(colon + 2);
    if (expected.startsWith("unknown field")) {
      String field = expected.replaceAll(".*\"(.*)\".*", "$1");
      return field.substring(field.lastIndexOf('.') + 1);
    }
    if (SCHEMA_WORDING.stream().anyMatch(text::contains)) {
      if (text.startsWith("required property")) {
        return text.replaceAll(".*'(.*)'.*", "$1");
      }
      String last = path.substring(path.lastIndexOf('.') + 1);
      return last.replaceAll("\\[\\d+]$", "");
    }
    return text;
  }

  @Test
  void theApiServerAppliesTheSchemaDefaults() {
    GenericKubernetesResource created =
        client
            .resource(
                generic(
                    """
                    apiVersion: bondbridge.io/v1alpha1
                    kind: BondBridge
                    metadata: {name: defaults}
                    spec:
                      nodeSelector: {matchLabels: {bondbridge.io/nothing: "here"}}
                      bond: {name: bond0, mode: active-backup, ports: [{name: eth0}, {name: eth1}]}
                      bridge: {name: br0}
                      rollout: {}
                      probes: {}
                    """))
            .fieldValidation(Validation.STRICT)
            .create();
    try {
      Map<String, Object> spec = created.get("spec");
      assertThat(created.<String>get("spec", "cleanup")).isEqualTo("Restore");
      assertThat(created.<Object>get("spec", "rollout", "maxUnavailable")).isEqualTo("10%");
      assertThat(created.<Object>get("spec", "probes", "timeoutSeconds")).isEqualTo(60);
      assertThat(created.<Object>get("spec", "probes", "gateway")).isEqualTo(true);
      assertThat(created.<Object>get("spec", "probes", "apiServer")).isEqualTo(true);
      assertThat(created.<Object>get("spec", "bridge", "stp")).isEqualTo(false);
      assertThat(created.<Object>get("spec", "bridge", "forwardDelay")).isEqualTo(15);
      assertThat(spec).containsKey("ipv4");
    } finally {
      client.resource(created).delete();
    }
  }

  @Test
  void rolloutStatusSubresourceAndGarbageCollection() throws IOException {
    BondBridge bb =
        client
            .resource(
                Serialization.unmarshal(
                    Files.readString(Path.of("..", "examples", "bond.yaml")), BondBridge.class))
            .create();
    String name = bb.getMetadata().getName();
    String childName = name + "." + node;
    var children = client.resources(BondBridgeNode.class);

    // the operator hands the node its spec, owned by the BondBridge
    BondBridgeNode child =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> children.withName(childName).get(), c -> c != null);
    OwnerReference owner = child.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getUid()).isEqualTo(bb.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
    assertThat(child.getMetadata().getLabels()).containsEntry(BondBridgeNode.NODE_LABEL, node);

    // as the agent: the finalizer first
    children
        .withName(childName)
        .edit(
            c -> {
              c.getMetadata().getFinalizers().add(BondBridgeNode.AGENT_FINALIZER);
              return c;
            });
    long generation = children.withName(childName).get().getMetadata().getGeneration();
    BondBridgeNodeStatus ready =
        new BondBridgeNodeStatusBuilder()
            .withPhase(Phase.Ready)
            .withObservedGeneration(generation)
            .withMessage("applied")
            .withPortsUp("2/2")
            .withLinkFailures(0L)
            .build();

    // a status sent with the main resource is dropped: the status subresource owns it
    BondBridgeNode withStatus = children.withName(childName).get();
    withStatus.setStatus(ready);
    children.resource(withStatus).update();
    assertThat(children.withName(childName).get().getStatus()).isNull();

    // through /status it sticks, and the spec's generation does not move
    children
        .withName(childName)
        .editStatus(
            c -> {
              c.setStatus(ready);
              return c;
            });
    BondBridgeNode reported = children.withName(childName).get();
    assertThat(reported.getStatus().phase()).isEqualTo(Phase.Ready);
    assertThat(reported.getMetadata().getGeneration()).isEqualTo(generation);

    // the operator sums it up; it never wrote the spec (generation 1), so Argo CD stays in sync
    BondBridge converged =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.resources(BondBridge.class).withName(name).get(),
                b -> b.getStatus() != null && "1/1".equals(b.getStatus().ready()));
    assertThat(converged.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(converged.getStatus().observedGeneration()).isEqualTo(1L);
    assertThat(converged.getSpec()).isEqualTo(bb.getSpec());
    assertThat(ArgoHealth.of("bondbridge.io_BondBridge").of(converged).status())
        .isEqualTo("Healthy");
    assertThat(ArgoHealth.of("bondbridge.io_BondBridgeNode").of(reported).status())
        .isEqualTo("Healthy");

    // foreground deletion: the garbage collector deletes the child, which waits for its agent
    client
        .resources(BondBridge.class)
        .withName(name)
        .withPropagationPolicy(DeletionPropagation.FOREGROUND)
        .delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> children.withName(childName).get().isMarkedForDeletion());
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                children.withName(childName).get() != null
                    && client.resources(BondBridge.class).withName(name).get() != null);

    // the agent tore down (nothing to do here) and lets go: both go
    children
        .withName(childName)
        .edit(
            c -> {
              c.getMetadata().getFinalizers().remove(BondBridgeNode.AGENT_FINALIZER);
              return c;
            });
    await().atMost(Duration.ofSeconds(60)).until(() -> children.withName(childName).get() == null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> client.resources(BondBridge.class).withName(name).get() == null);
  }
}

package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Waits.condition;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.Waits;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects the Java types cannot read (numbers past 32 bits, as an older, looser CRD let in) are
 * reported and skipped; the real operator goes on serving every other BondBridge, from its start
 * (the first list holds them) and after a child's status turns unreadable (a watch event).
 */
class UnreadableObjectsTest {
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    cluster.startAgents();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static String bondBridgeJson(String name, String rolloutAndIpv4) {
    return """
        {"apiVersion":"bondbridge.io/v1alpha1","kind":"BondBridge","metadata":{"name":"%s"},
         "spec":{"nodeSelector":{"matchLabels":{"uplink":"yes"}},
                 "bond":{"name":"bond1","mode":"active-backup","ports":[{"name":"eth2"}]},
                 %s}}
        """
        .formatted(name, rolloutAndIpv4);
  }

  @Test
  void anUnreadableDrillIsFailedWithTheReasonAndNoNodeIsAsked() {
    cluster.addNode("a", Map.of("uplink", "yes"));
    cluster.startOperator(java.time.Duration.ofMinutes(5));
    cluster.create(bondBridge("good", spec(labelled("uplink", "yes"), "100%")));
    Waits.until(cluster, () -> converged(cluster, "good", 1));

    cluster.createRaw(
        "BondBridgeDrill",
        """
        {"apiVersion":"bondbridge.io/v1alpha1","kind":"BondBridgeDrill","metadata":{"name":"odd"},
         "spec":{"bondBridge":"good","method":"sideways"}}
        """);

    Waits.until(
        cluster,
        () -> {
          BondBridgeDrill d =
              cluster.client().resources(BondBridgeDrill.class).withName("odd").get();
          return d != null && d.getStatus() != null && d.getStatus().phase() == DrillPhase.Failed;
        });
    BondBridgeDrillStatus status =
        cluster.client().resources(BondBridgeDrill.class).withName("odd").get().getStatus();
    assertThat(status.message())
        .startsWith("the spec cannot be read: spec.method")
        .endsWith("; no node was drilled");
    assertThat(cluster.children())
        .allMatch(
            c ->
                c.getMetadata().getAnnotations() == null
                    || !c.getMetadata().getAnnotations().containsKey(DrillRequest.ANNOTATION));
    assertThat(cluster.raw("BondBridgeDrill", "odd").getAdditionalProperties().get("spec"))
        .as("nobody rewrote what could not be read")
        .isEqualTo(Map.of("bondBridge", "good", "method", "sideways"));
  }

  @Test
  void aValidBondBridgeIsServedBesideUnreadableOnesWhichGetStatusEventAndMetric() {
    cluster.addNode("a", Map.of("uplink", "yes"));
    cluster.addNode("b", Map.of("uplink", "yes"));
    // in the store before the operator starts: its first list holds them
    cluster.createRaw(
        "BondBridge",
        bondBridgeJson("bad-rollout", "\"rollout\":{\"maxUnavailable\":99999999999}"));
    cluster.createRaw(
        "BondBridge",
        bondBridgeJson(
            "bad-metric",
            "\"ipv4\":{\"mode\":\"static\",\"addresses\":{\"a\":\"10.0.0.5/24\"},"
                + "\"routes\":[{\"to\":\"10.9.0.0/16\",\"via\":\"10.0.0.1\",\"metric\":99999999999}]}"));
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    BondBridgeOperator operator =
        cluster.startOperator(
            cluster.newClient(),
            OperatorSettings.defaults().withAgentTimeout(java.time.Duration.ofMinutes(5)),
            metrics);
    cluster.create(bondBridge("good", spec(labelled("uplink", "yes"), "100%")));

    Waits.until(cluster, () -> converged(cluster, "good", 2));
    Waits.until(cluster, () -> reason(cluster, "bad-rollout").equals("InvalidSpec"));
    Waits.until(cluster, () -> reason(cluster, "bad-metric").equals("InvalidSpec"));

    Condition ready = condition(cluster, "bad-rollout", "Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage())
        .contains("spec.rollout.maxUnavailable: 99999999999 cannot be read")
        .contains("at most 2147483647");
    assertThat(condition(cluster, "bad-metric", "Ready").orElseThrow().getMessage())
        .contains("spec.ipv4.routes[0].metric: 99999999999");
    assertThat(cluster.bondBridge("bad-rollout").getStatus().phase()).isEqualTo("Failed");
    // reported, not acted on: no children, and the spec as it was stored
    assertThat(cluster.children("bad-rollout")).isEmpty();
    assertThat(cluster.children("bad-metric")).isEmpty();
    Map<String, Object> rollout = cluster.raw("BondBridge", "bad-rollout").get("spec", "rollout");
    assertThat(rollout.get("maxUnavailable").toString()).isEqualTo("99999999999");
    Waits.until(cluster, () -> !events("bad-rollout").isEmpty());
    assertThat(events("bad-rollout"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getReason()).isEqualTo("InvalidSpec");
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getMessage()).contains("spec.rollout.maxUnavailable");
            });
    assertThat(
            metrics.get("bondbridge.unreadable.objects").tag("kind", "BondBridge").gauge().value())
        .isEqualTo(2);
    assertThat(operator.isAlive()).isTrue();
  }

  @Test
  void aChildWithAnUnreadableStatusCountsAsFailedAndEveryOtherObjectIsStillServed() {
    cluster.addNode("a", Map.of("uplink", "yes"));
    cluster.addNode("b", Map.of("uplink", "yes"));
    BondBridgeOperator operator = cluster.startOperator(java.time.Duration.ofMinutes(5));
    cluster.create(bondBridge("good", spec(labelled("uplink", "yes"), "100%")));
    cluster.create(bondBridge("other", spec(labelled("other", "yes"), "100%")));
    Waits.until(cluster, () -> converged(cluster, "good", 2));

    // a compromised or broken agent writes a number no Java int holds
    cluster
        .client()
        .genericKubernetesResources("bondbridge.io/v1alpha1", "BondBridgeNode")
        .withName("good.a")
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"phase\":\"Ready\",\"bond\":{\"ports\":[{\"name\":\"eth0\","
                + "\"speedMbps\":99999999999}]}}}");

    Waits.until(
        cluster,
        () -> {
          BondBridge good = cluster.bondBridge("good");
          return good.getStatus().failedNodes() != null
              && good.getStatus().failedNodes().contains("a");
        });
    assertThat(condition(cluster, "good", "Degraded").orElseThrow().getMessage())
        .contains("a: InvalidStatus")
        .contains("status.bond.ports[0].speedMbps: 99999999999");

    // the watch goes on: a new node, another BondBridge's node, are served
    cluster.addNode("c", Map.of("other", "yes"));
    Waits.until(cluster, () -> converged(cluster, "other", 1));
    assertThat(operator.isAlive()).isTrue();
  }

  private static String reason(MockCluster cluster, String name) {
    return condition(cluster, name, "Ready").map(Condition::getReason).orElse("");
  }

  private List<Event> events(String bondBridge) {
    return cluster.client().v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> bondBridge.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}

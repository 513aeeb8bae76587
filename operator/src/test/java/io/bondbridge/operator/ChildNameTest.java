package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Waits.condition;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.Waits;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Child names: {@code <bondbridge>.<node>} for DNS-label BondBridge names; a name from before that
 * rule is reported, a long pair is cut safely, and a child the API server will not create is
 * reported with the reason instead of Progressing forever.
 */
class ChildNameTest {
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    cluster.startAgents();
    cluster.startOperator(Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aDottedNameIsReportedAndMakesNoChildSoItCannotTakeAnotherBondBridgesChildName() {
    // a.b on node c and a on node b.c would both want the child a.b.c
    cluster.addNode("c", Map.of("x", "yes"));
    cluster.addNode("b.c", Map.of("y", "yes"));
    cluster.create(bondBridge("a.b", spec(labelled("x", "yes"), "100%")));
    cluster.create(bondBridge("a", spec(labelled("y", "yes"), "100%")));

    Waits.until(cluster, () -> converged(cluster, "a", 1));
    Waits.until(cluster, () -> "InvalidName".equals(reason("a.b")));
    assertThat(cluster.child("a.b.c").getSpec().node()).isEqualTo("b.c");
    assertThat(cluster.children("a.b")).isEmpty();
    assertThat(condition(cluster, "a.b", "Ready").orElseThrow().getMessage()).contains("has a dot");

    cluster.create(bondBridge("x".repeat(64), spec(labelled("x", "yes"), "100%")));
    Waits.until(cluster, () -> "InvalidName".equals(reason("x".repeat(64))));
    assertThat(condition(cluster, "x".repeat(64), "Ready").orElseThrow().getMessage())
        .contains("64 characters");
  }

  @Test
  void aChildNamePast253CharactersIsCutWithAHashAndRollsOut() {
    String node = "n".repeat(240) + ".example.com";
    cluster.addNode(node, Map.of("x", "yes"));
    cluster.create(bondBridge("uplink", spec(labelled("x", "yes"), "100%")));

    Waits.until(cluster, () -> converged(cluster, "uplink", 1));
    BondBridgeNode child = cluster.children("uplink").get(0);
    assertThat(child.getMetadata().getName()).hasSizeLessThanOrEqualTo(253).startsWith("uplink.");
    assertThat(child.getSpec().node()).isEqualTo(node);
  }

  @Test
  void aChildNameHeldByAnotherOwnerIsReportedNamingThatOwner() {
    cluster.addNode("n1", Map.of("x", "yes"));
    // an object of our name but not ours (left by another BondBridge, or made by hand)
    BondBridgeNode squatter = new BondBridgeNode();
    squatter.setMetadata(
        new ObjectMetaBuilder()
            .withName("uplink.n1")
            .addToLabels(BondBridgeNode.POLICY_LABEL, "someone-else")
            .build());
    squatter.setSpec(
        new BondBridgeNodeSpec(
            "n9", "someone-else", 1L, null, null, null, null, null, null, null, null));
    cluster.client().resource(squatter).create();

    cluster.create(bondBridge("uplink", spec(labelled("x", "yes"), "100%")));

    Waits.until(cluster, () -> "NodesFailed".equals(reason("uplink")));
    BondBridge bb = cluster.bondBridge("uplink");
    assertThat(bb.getStatus().failedNodes()).containsExactly("n1");
    assertThat(condition(cluster, "uplink", "Degraded").orElseThrow().getMessage())
        .contains("n1: NameTaken")
        .contains("BondBridgeNode uplink.n1 already exists for BondBridge someone-else on node n9");
  }

  @Test
  void aRefusedCreateIsReportedWithTheApiServersCodeAndMessage() {
    cluster.addNode("n1", Map.of("x", "yes"));
    cluster.refuseNextChildCreate(
        422,
        "Invalid",
        "BondBridgeNode.bondbridge.io \"uplink.n1\" is invalid: spec.bond: Required");

    cluster.create(bondBridge("uplink", spec(labelled("x", "yes"), "100%")));

    Waits.until(cluster, () -> "NodesFailed".equals(reason("uplink")));
    assertThat(condition(cluster, "uplink", "Degraded").orElseThrow().getMessage())
        .contains("n1: CreateRefused")
        .contains("(422)")
        .contains("spec.bond: Required");
  }

  private String reason(String name) {
    return condition(cluster, name, "Ready").map(Condition::getReason).orElse("");
  }
}

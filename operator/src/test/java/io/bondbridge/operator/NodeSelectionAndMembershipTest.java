package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.SimulatedAgents;
import io.bondbridge.operator.testing.SimulatedAgents.Behaviour;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which nodes get a BondBridgeNode, and what happens when nodes join, leave or disappear. */
class NodeSelectionAndMembershipTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private MockCluster cluster;
  private SimulatedAgents agents;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    agents = cluster.startAgents();
    cluster.startOperator(Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private List<String> nodesOf(String bondBridge) {
    return cluster.children(bondBridge).stream().map(c -> c.getSpec().node()).sorted().toList();
  }

  @Test
  void matchExpressionsAreEvaluatedByTheOperator() {
    cluster.addNode("a", Map.of("role", "storage", "zone", "x", "uplink", "yes"));
    cluster.addNode("b", Map.of("role", "storage", "zone", "y", "uplink", "yes"));
    cluster.addNode("c", Map.of("role", "compute", "uplink", "yes"));
    cluster.addNode("d", Map.of("role", "storage", "uplink", "yes", "cordoned", "true"));
    cluster.addNode("e", Map.of("role", "storage"));
    LabelSelector selector =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("role")
            .withOperator("In")
            .withValues("storage")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("NotIn")
            .withValues("y")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("uplink")
            .withOperator("Exists")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("cordoned")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .build();
    cluster.create(bondBridge("storage", spec(selector, "100%")));

    await().atMost(LONG).until(() -> converged(cluster, "storage", 1));
    assertThat(nodesOf("storage")).containsExactly("a");
  }

  @Test
  void eachChildIsNamedLabelledOwnedAndCarriesTheResolvedSpec() {
    cluster.addNode("worker-1", Map.of("uplink", "yes"));
    BondBridge bb = cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 1)));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 1));

    BondBridgeNode child = cluster.child("uplink.worker-1");
    assertThat(child).isNotNull();
    assertThat(child.getMetadata().getLabels())
        .containsEntry(BondBridgeNode.NODE_LABEL, "worker-1")
        .containsEntry(BondBridgeNode.POLICY_LABEL, "uplink");
    OwnerReference owner = child.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("BondBridge");
    assertThat(owner.getName()).isEqualTo("uplink");
    assertThat(owner.getUid()).isEqualTo(bb.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(child.getSpec().bondBridgeGeneration()).isEqualTo(1L);
    // no monitoring chosen: the agent is told miimon 100
    assertThat(child.getSpec().bond().options().miimon()).isEqualTo(100);
    assertThat(child.getMetadata().getAnnotations()).containsKey("bondbridge.io/handed-over-at");
  }

  @Test
  void aNodeNameTooLongForALabelGetsACutLabelAndStillLeaves() {
    String fqdn = "worker-0042.rack-17.row-b.datacenter-frankfurt-2.prod.example-corp.internal";
    cluster.addNode(fqdn, Map.of("uplink", "yes"));
    cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 1)));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 1));

    BondBridgeNode child = cluster.child("uplink." + fqdn);
    assertThat(child.getSpec().node()).isEqualTo(fqdn);
    assertThat(child.getMetadata().getLabels().get(BondBridgeNode.NODE_LABEL))
        .isEqualTo(BondBridgeNode.nodeLabel(fqdn))
        .hasSizeLessThanOrEqualTo(63);

    // the node's own events still find its child (the operator indexes children by spec.node)
    cluster.setNodeLabels(fqdn, Map.of());
    await().atMost(LONG).until(() -> cluster.child("uplink." + fqdn) == null);
    assertThat(agents.tornDown()).contains("uplink." + fqdn);
  }

  @Test
  void nodesJoinLeaveAndDisappear() {
    cluster.addNode("n1", Map.of("uplink", "yes"));
    cluster.addNode("n2", Map.of("uplink", "yes"));
    cluster.addNode("other", Map.of());
    cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), "100%")));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 2));

    // joins: a new node with the label, and an existing node that gets it
    cluster.addNode("n3", Map.of("uplink", "yes"));
    cluster.setNodeLabels("other", Map.of("uplink", "yes"));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 4));
    assertThat(nodesOf("uplink")).containsExactly("n1", "n2", "n3", "other");

    // leaves the selector: its BondBridgeNode goes, after the agent's teardown
    cluster.setNodeLabels("n1", Map.of());
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 3));
    assertThat(nodesOf("uplink")).containsExactly("n2", "n3", "other");
    assertThat(agents.tornDown()).contains("uplink.n1");

    // deleted, agent and all: the operator releases the agent's finalizer itself
    assertThat(cluster.child("uplink.n2").getMetadata().getFinalizers())
        .contains(SimulatedAgents.FINALIZER);
    agents.behave("n2", Behaviour.ABSENT);
    cluster.deleteNode("n2");
    await().atMost(LONG).until(() -> cluster.child("uplink.n2") == null);
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 2));
    assertThat(agents.tornDown()).doesNotContain("uplink.n2");
  }
}

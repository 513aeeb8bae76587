package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-child reconciler called synchronously on the test's thread, no watch and no worker: the
 * fabric8 mock API server (CRUD mode) and the SIMULATED host ({@link SimulatedHost}). Each call has
 * done its work when it returns.
 */
class ChildReconcilerTest {
  private static final String NODE = "node-a";
  private static final String NAME = "vm-uplink." + NODE;

  private final MockApi api = new MockApi();
  private final SimulatedHost host = new SimulatedHost("eth0", "eth1");
  private final NodeAgent agent = api.agent(NODE, host, NodeAgent.DEFAULT_EVENT_NAMESPACE);
  private final ChildReconciler reconciler = agent.reconciler();

  @AfterEach
  void stop() {
    agent.close();
    api.close();
  }

  @Test
  void oneCallAppliesAndReportsAndOneTearsDownAndLetsGo() {
    BondBridgeNode child = new BondBridgeNode();
    child.setMetadata(
        new ObjectMetaBuilder()
            .withName(NAME)
            .addToLabels(BondBridgeNode.NODE_LABEL, BondBridgeNode.nodeLabel(NODE))
            .build());
    child.setSpec(CapturedHosts.example("bond.yaml", NODE));
    api.client().resource(child).create();

    reconciler.reconcile(NAME, api.child(NAME)); // the finalizer on, then applied

    BondBridgeNode applied = api.child(NAME);
    assertThat(applied.getMetadata().getFinalizers()).containsExactly(NodeAgent.FINALIZER);
    BondBridgeNodeStatus status = applied.getStatus();
    assertThat(status.phase()).isEqualTo(Phase.Ready);
    assertThat(status.portsUp()).isEqualTo("2/2");
    assertThat(host.hasBond("bond0")).isTrue();
    assertThat(host.applies.get()).isEqualTo(1);

    reconciler.reconcile(NAME, api.child(NAME)); // a newer version, the same generation
    assertThat(host.applies.get()).isEqualTo(1);

    api.client().resources(BondBridgeNode.class).withName(NAME).delete();
    BondBridgeNode deleting = api.child(NAME);
    assertThat(deleting.isMarkedForDeletion()).isTrue();

    reconciler.reconcile(NAME, deleting);

    assertThat(host.hasBond("bond0")).as("torn down").isFalse();
    assertThat(api.child(NAME)).as("the finalizer removed, the object gone").isNull();
  }
}

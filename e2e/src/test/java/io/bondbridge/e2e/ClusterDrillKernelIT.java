package io.bondbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.cluster.NodeAgent;
import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeDrillSpec;
import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillPort;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.api.v1alpha1.NodeDrill;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.testkit.HostSnapshot;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A BondBridgeDrill through the API on a real kernel: the mock API server, the REAL operator and
 * the REAL agent on the VM's kernel. {@code kubectl apply} of a drill fails each port of bond0 in
 * turn; the figures the agent measured land in the drill's status, the node's Event is written, the
 * host is as before, and the request is gone. Two nodes: TwoNodeDrillKernelIT.
 */
class ClusterDrillKernelIT {
  private static final String CHILD = "vm-uplink." + OneNodeCluster.NODE;
  private static final Duration LONG = Duration.ofSeconds(180);

  private KernelLab lab;
  private OneNodeCluster cluster;
  private NodeAgent agent;

  @BeforeEach
  void start() {
    assumeTrue(
        KernelLab.inKernelVm(), "needs a kernel with bonding: run through vm/kernel-tests.sh");
    lab = KernelLab.withNics(2);
    cluster = OneNodeCluster.start().startOperator();
    agent = cluster.startAgent();
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aDrillAppliedThroughTheApiFailsEachPortAndReportsTheKernelsFigures() {
    cluster.apply(FullFlowKernelIT.examples().resolve("bond.yaml"));
    cluster.awaitStatus(CHILD, LONG, s -> s.phase() == Phase.Ready);
    HostSnapshot before = lab.snapshot();

    cluster
        .client
        .resource(
            new BondBridgeDrill(
                "monthly", new BondBridgeDrillSpec("vm-uplink", null, DrillMethod.link)))
        .create();

    BondBridgeDrillStatus status =
        await()
            .atMost(LONG)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  BondBridgeDrill d =
                      cluster.client.resources(BondBridgeDrill.class).withName("monthly").get();
                  return d == null ? null : d.getStatus();
                },
                s -> s != null && s.phase() != null && s.phase().isFinished());
    System.out.println(Serialization.asYaml(status));

    assertThat(status.phase()).as(status.message()).isEqualTo(DrillPhase.Succeeded);
    assertThat(status.done()).isEqualTo("1/1");
    NodeDrill node = status.nodes().get(0);
    assertThat(node.node()).isEqualTo(OneNodeCluster.NODE);
    assertThat(node.gateway()).isEqualTo("10.0.0.1");
    assertThat(node.ports()).extracting(DrillPort::port).containsExactly("eth0", "eth1");
    assertThat(node.ports()).allMatch(DrillPort::ok);
    DrillPort eth0 = node.ports().get(0);
    assertThat(eth0.wasActive()).isTrue();
    assertThat(eth0.activeAfter()).isEqualTo("eth1");
    // miimon 100 and downdelay 200: the kernel takes eth0 out after 200-300 ms
    assertThat(eth0.failoverMillis()).isBetween(150L, 2_000L);
    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(cluster.events())
                    .filteredOn(e -> "DrillSucceeded".equals(e.getReason()))
                    .extracting(e -> e.getInvolvedObject().getKind())
                    .contains("BondBridgeNode", "BondBridge"));
    assertThat(
            agent
                .metrics()
                .registry()
                .get("bondbridge.agent.drill.failover")
                .tags("bond", "bond0", "port", "eth0")
                .gauge()
                .value())
        .isEqualTo(eth0.failoverMillis() / 1000.0);
    await()
        .atMost(LONG)
        .until(
            () ->
                !cluster
                    .child(CHILD)
                    .getMetadata()
                    .getAnnotations()
                    .containsKey(DrillRequest.ANNOTATION));
    lab.waitFor(LONG, () -> lab.snapshot().equals(before), "the host to be as before the drill");
    assertThat(lab.snapshot()).isEqualTo(before);
    assertThat(cluster.awaitStatus(CHILD, LONG, s -> s.phase() == Phase.Ready).portsUp())
        .isEqualTo("2/2");
  }
}

package io.bondbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.PortState;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.testkit.HostSnapshot;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole product on a real kernel, in one JVM inside the VM: the mock API server, the REAL
 * operator and the REAL node agent (guarded engine, {@code ip monitor link}) acting on the VM's
 * kernel. examples/bond.yaml goes in through the API like {@code kubectl apply}; a cable is pulled
 * and plugged back; the BondBridge is deleted and the host must be as it was.
 */
class FullFlowKernelIT {
  private static final String CHILD = "vm-uplink." + OneNodeCluster.NODE;
  private static final Duration LONG = Duration.ofSeconds(180);

  private KernelLab lab;
  private OneNodeCluster cluster;

  @BeforeEach
  void start() {
    assumeTrue(
        KernelLab.inKernelVm(), "needs a kernel with bonding: run through vm/kernel-tests.sh");
    lab = KernelLab.withNics(2);
    cluster = OneNodeCluster.start().startOperator();
    cluster.startAgent();
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
  void applyPullPlugDelete() {
    HostSnapshot before = lab.snapshot();

    cluster.apply(examples().resolve("bond.yaml"));

    BondBridgeNodeStatus ready = awaitChild(s -> s.phase() == Phase.Ready);
    HostState host = lab.host();
    assertThat(host.bond("bond0")).as("bond0 on the kernel").isPresent();
    assertThat(host.link("eth0").map(Link::master)).contains("bond0");
    assertThat(host.link("eth1").map(Link::master)).contains("bond0");
    assertThat(host.link("bond0").map(Link::master)).contains("br0");
    assertThat(host.addressesOn("br0")).extracting(a -> a.cidr()).containsExactly("10.0.0.2/24");
    assertThat(ready.bond().mode()).isEqualTo("active-backup");
    assertThat(ready.bond().activePort()).isEqualTo("eth0");
    assertThat(ready.bond().ports()).extracting(PortState::name).containsExactly("eth0", "eth1");
    assertThat(ready.bond().ports())
        .extracting(PortState::permanentMac)
        .containsExactly("52:54:00:bb:00:00", "52:54:00:bb:00:01");
    assertThat(ready.portsUp()).isEqualTo("2/2");
    assertThat(ready.bridge().ports()).containsExactly("bond0");
    assertThat(ready.addresses()).containsExactly("10.0.0.2/24");
    BondBridge bb = awaitBondBridge(b -> "1/1".equals(b.getStatus().ready()));
    assertThat(bb.getStatus().phase()).isEqualTo("Ready");
    System.out.println(cluster.kubectlGet());

    lab.pull("eth0");

    BondBridgeNodeStatus degraded =
        awaitChild(s -> s.phase() == Phase.Degraded && "eth1".equals(s.bond().activePort()));
    assertThat(degraded.linkFailures()).isEqualTo(1);
    assertThat(degraded.portsUp()).isEqualTo("1/2");
    assertThat(degraded.lastFailover().from()).isEqualTo("eth0");
    assertThat(degraded.lastFailover().to()).isEqualTo("eth1");
    String told = "bond0: eth0 link down, eth1 is now the active port (eth0 link failures: 1)";
    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(cluster.events())
                    .filteredOn(e -> "Failover".equals(e.getReason()))
                    .extracting(e -> e.getInvolvedObject().getKind() + ": " + e.getMessage())
                    .contains("BondBridgeNode: " + told, "BondBridge: " + told));
    awaitBondBridge(b -> b.getStatus().nodes() != null && b.getStatus().nodes().degraded() == 1);
    assertThat(lab.peerReachesNode()).as("the peer still reaches the node over eth1").isTrue();
    System.out.println(cluster.kubectlGet());

    lab.plug("eth0");

    BondBridgeNodeStatus back = awaitChild(s -> s.phase() == Phase.Ready);
    assertThat(back.portsUp()).isEqualTo("2/2");
    assertThat(back.linkFailures()).isEqualTo(1);
    awaitBondBridge(b -> b.getStatus().nodes() != null && b.getStatus().nodes().degraded() == 0);
    assertThat(cluster.events()).extracting(Event::getReason).contains("Failover");

    cluster.deleteAndAwaitGone("vm-uplink", LONG);
    lab.waitFor(LONG, () -> lab.snapshot().equals(before), "the host to be as before");
    assertThat(lab.snapshot()).isEqualTo(before);
    lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach the node on eth0");
  }

  private BondBridgeNodeStatus awaitChild(Predicate<BondBridgeNodeStatus> until) {
    return cluster.awaitStatus(CHILD, LONG, until);
  }

  private BondBridge awaitBondBridge(Predicate<BondBridge> until) {
    return await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> cluster.bondBridge("vm-uplink"),
            b -> b != null && b.getStatus() != null && until.test(b));
  }

  static Path examples() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("examples"))) {
        return d.resolve("examples");
      }
    }
    throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
  }
}

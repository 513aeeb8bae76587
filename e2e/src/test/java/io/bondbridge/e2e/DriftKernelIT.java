package io.bondbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.cluster.Drift;
import io.bondbridge.agent.cluster.NodeAgent;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.testkit.HostSnapshot;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift on a real kernel, with the real operator and agent (as FullFlowKernelIT): what an admin
 * undoes by hand — {@code ip link del bond0}, {@code ip link set eth1 nomaster} — the agent puts
 * back through its guarded engine, with a DriftCorrected Event; a pulled cable is not drift.
 */
class DriftKernelIT {
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
  void whatIsUndoneByHandIsPutBackAndAPulledCableIsNot() {
    HostSnapshot before = lab.snapshot();
    cluster.apply(FullFlowKernelIT.examples().resolve("bond.yaml"));
    awaitChild(s -> s.phase() == Phase.Ready);
    assertApplied();

    // a pulled cable: the bond fails over, the agent reports it and changes nothing
    lab.pull("eth0");
    awaitChild(s -> s.phase() == Phase.Degraded && "eth1".equals(s.bond().activePort()));
    lab.plug("eth0");
    awaitChild(s -> s.phase() == Phase.Ready && "2/2".equals(s.portsUp()));
    agent.sync(); // the observation that wrote Ready has looked for drift too
    assertThat(agent.metrics().driftCorrections("bond0")).as("a cable is not drift").isZero();
    assertThat(driftEvents()).isEmpty();

    lab.ip("link", "del", "bond0");

    lab.waitFor(LONG, () -> bondBack(lab.host()), "bond0 back with eth0, eth1 in br0");
    awaitChild(s -> s.phase() == Phase.Ready && "2/2".equals(s.portsUp()));
    assertApplied();
    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(driftEvents())
                    .extracting(e -> e.getInvolvedObject().getKind() + ": " + e.getMessage())
                    .contains(
                        "BondBridgeNode: put back what changed on the host: bond0 made again;"
                            + " eth0, eth1 back in bond0; bond0 back in br0"));
    assertThat(agent.metrics().driftCorrections("bond0")).isEqualTo(1);
    lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach the node again");
    System.out.println(cluster.kubectlGet());

    lab.ip("link", "set", "eth1", "nomaster");

    await().atMost(LONG).until(() -> agent.metrics().driftCorrections("bond0") == 2);
    assertThat(lab.host().link("eth1").map(Link::master)).contains("bond0");
    awaitChild(s -> s.phase() == Phase.Ready && "2/2".equals(s.portsUp()));
    assertApplied();
    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(driftEvents())
                    .extracting(Event::getMessage)
                    .contains("put back what changed on the host: eth1 back in bond0"));
    assertThat(lab.peerReachesNode()).isTrue();

    // the bridge deleted by hand: the kernel takes the node's address and default route with it;
    // inherit has no port to take them from any more, so they come back from the agent's record
    lab.ip("link", "del", "br0");

    await().atMost(LONG).until(() -> agent.metrics().driftCorrections("bond0") == 3);
    lab.waitFor(LONG, () -> bondBack(lab.host()), "br0 back, with bond0 in it");
    awaitChild(s -> s.phase() == Phase.Ready && "2/2".equals(s.portsUp()));
    assertApplied();
    assertThat(lab.host().routes())
        .filteredOn(r -> r.destination().equals("default"))
        .extracting(r -> r.gateway() + " dev " + r.device())
        .containsExactly("10.0.0.1 dev br0");
    lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach the node again");
    driftEvents()
        .forEach(e -> System.out.println("Event " + e.getReason() + ": " + e.getMessage()));

    cluster.deleteAndAwaitGone("vm-uplink", LONG);
    lab.waitFor(LONG, () -> lab.snapshot().equals(before), "the host to be as before");
    assertThat(lab.snapshot()).isEqualTo(before);
    lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach the node on eth0");
  }

  private void assertApplied() {
    HostState host = lab.host();
    assertThat(bondBack(host)).as("bond0 with eth0, eth1, in br0: " + host.links()).isTrue();
    assertThat(host.addressesOn("br0")).extracting(a -> a.cidr()).containsExactly("10.0.0.2/24");
  }

  private static boolean bondBack(HostState host) {
    return host.bond("bond0").isPresent()
        && host.link("eth0").map(Link::master).equals(Optional.of("bond0"))
        && host.link("eth1").map(Link::master).equals(Optional.of("bond0"))
        && host.link("bond0").map(Link::master).equals(Optional.of("br0"));
  }

  private List<Event> driftEvents() {
    return cluster.events().stream().filter(e -> Drift.CORRECTED.equals(e.getReason())).toList();
  }

  private BondBridgeNodeStatus awaitChild(Predicate<BondBridgeNodeStatus> until) {
    return cluster.awaitStatus(CHILD, LONG, until);
  }
}

package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four ports under a VM bridge (seed document 000, examples/seed-000-four-port-bridge.yaml) on a
 * real kernel: four NICs in active-backup under br0, the node address moved from eth0 to br0;
 * applied twice (the second time changes nothing) and torn down again. The peer starts with the ARP
 * entry that ARP flux leaves on a real link (the node's IP at eth3's MAC, which the bond replaces):
 * the agent's gratuitous ARP after the move puts it right.
 */
class FourPortVmBridgeKernelIT {
  private KernelLab lab;

  @BeforeEach
  void lab() {
    lab = KernelLab.withNics(4);
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  @Test
  void appliesReadsBackStaysIdempotentAndTearsDown() {
    BondBridgeNodeSpec spec = Examples.load("seed-000-four-port-bridge.yaml");
    Engine engine = lab.engine();
    String eth3 = lab.macOf("eth3");
    lab.peerCaches(KernelLab.NODE_IP, eth3);

    Engine.Outcome outcome = engine.apply(spec);

    assertThat(outcome.plan().refusals()).isEmpty();
    assertThat(outcome.result().error()).isNull();
    HostState host = lab.host();
    assertThat(lab.sysfs("bond0", "mode")).isEqualTo("active-backup 1");
    assertThat(lab.sysfs("bond0", "miimon")).isEqualTo("100");
    for (int i = 0; i < 4; i++) {
      assertThat(host.links().get("eth" + i).master()).isEqualTo("bond0");
    }
    assertThat(host.links().get("bond0").master()).isEqualTo("br0");
    assertThat(host.links().get("bond0").alias()).isEqualTo("bondbridge:vm-host-uplink");
    assertThat(host.links().get("br0").alias()).isEqualTo("bondbridge:vm-host-uplink");
    assertThat(host.addressesOn("br0")).extracting(a -> a.cidr()).containsExactly("10.0.0.2/24");
    assertThat(host.addressesOn("eth0")).isEmpty();
    assertThat(host.routesVia("br0")).filteredOn(Route::isDefault).hasSize(1);
    assertThat(host.bond("bond0").orElseThrow().ports()).hasSize(4);
    lab.waitFor(Duration.ofSeconds(20), lab::nodeReachesGateway, "the node to reach its gateway");
    String br0 = lab.macOf("br0");
    assertThat(br0).isNotEqualTo(eth3);
    // 10 s: far below the 15 s at least that the planted entry is trusted without an announcement
    lab.waitFor(
        Duration.ofSeconds(10),
        () -> br0.equals(lab.peerCachedMac(KernelLab.NODE_IP)),
        "the peer to learn the node's new MAC from its announcement");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");

    assertThat(engine.plan(spec).isEmpty()).as("a second apply plans nothing").isTrue();

    Engine.Outcome teardown = engine.delete(spec);

    assertThat(teardown.ok()).as("%s", teardown.result()).isTrue();
    HostState after = lab.host();
    assertThat(after.links()).doesNotContainKeys("bond0", "br0");
    for (int i = 0; i < 4; i++) {
      Link nic = after.links().get("eth" + i);
      assertThat(nic.master()).isNull();
      assertThat(nic.adminUp()).isTrue();
    }
    assertThat(after.addressesOn("eth0")).extracting(a -> a.cidr()).containsExactly("10.0.0.2/24");
    assertThat(after.routesVia("eth0")).filteredOn(Route::isDefault).hasSize(1);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
  }
}

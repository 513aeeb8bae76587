package io.bondbridge.agent.kernel;

import static io.bondbridge.agent.kernel.KernelChecks.applyAndConverge;
import static io.bondbridge.agent.kernel.KernelChecks.tearDownAndCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An active-backup pair with a primary port (seed document 001, examples/seed-001-*.yaml) on a real
 * kernel: eth0 + eth1 in active-backup with eth0 primary and a static address on the bond, once
 * with MII monitoring (updelay/downdelay 200) and once with the ARP monitor. The examples' network
 * 192.168.188.0/24 is moved onto the lab's 10.0.0.0/24 (node 10.0.0.88, gateway 10.0.0.1, which
 * answers the ARP probes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActiveBackupPrimaryKernelIT {
  private static final String ADDRESS = "10.0.0.88";
  private KernelLab lab;

  @BeforeAll
  void lab() {
    lab = KernelLab.withNics(2);
  }

  @AfterEach
  void restore() {
    lab.restore();
  }

  @AfterAll
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void miiMonitorWithPrimaryAndUpDownDelays() {
    BondBridgeNodeSpec spec = Examples.loadInLab("seed-001-active-backup.yaml");
    Engine engine = lab.engine();

    applyAndConverge(engine, spec);

    assertThat(lab.sysfs("bond0", "mode")).isEqualTo("active-backup 1");
    assertThat(lab.sysfs("bond0", "primary")).isEqualTo("eth0");
    assertThat(lab.sysfs("bond0", "miimon")).isEqualTo("100");
    assertThat(lab.sysfs("bond0", "updelay")).isEqualTo("200");
    assertThat(lab.sysfs("bond0", "downdelay")).isEqualTo("200");
    assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1");
    lab.waitFor(
        Duration.ofSeconds(10),
        () -> lab.proc("bond0").contains("Currently Active Slave: eth0"),
        "eth0 to be active");
    assertThat(lab.proc("bond0"))
        .contains(
            "Bonding Mode: fault-tolerance (active-backup)",
            "Primary Slave: eth0 (primary_reselect always)",
            "MII Polling Interval (ms): 100",
            "Up Delay (ms): 200",
            "Down Delay (ms): 200");
    assertStaticAddressOnBond();

    tearDownAndCheck(lab, engine, spec, List.of("bond0"));
  }

  @Test
  void arpMonitorProbesTheGateway() {
    BondBridgeNodeSpec spec = Examples.loadInLab("seed-001-arp-monitor.yaml");
    Engine engine = lab.engine();

    applyAndConverge(engine, spec);

    assertThat(lab.sysfs("bond0", "mode")).isEqualTo("active-backup 1");
    assertThat(lab.sysfs("bond0", "miimon")).isEqualTo("0");
    assertThat(lab.sysfs("bond0", "arp_interval")).isEqualTo("2000");
    assertThat(lab.sysfs("bond0", "arp_ip_target")).isEqualTo(KernelLab.GATEWAY);
    assertThat(lab.sysfs("bond0", "arp_validate")).isEqualTo("all 3");
    assertThat(lab.sysfs("bond0", "primary")).isEqualTo("eth0");
    // The ARP monitor marks a port up only when the gateway answers (and, with arp_validate all,
    // the backup sees the active port's probes): both ports up means the probes work.
    lab.waitFor(
        Duration.ofSeconds(20),
        () -> {
          String proc = lab.proc("bond0");
          return proc.contains("Currently Active Slave: eth0")
              && !proc.contains("MII Status: down");
        },
        "the ARP monitor to bring both ports up with eth0 active");
    assertThat(lab.proc("bond0"))
        .contains("ARP Polling Interval (ms): 2000", "ARP IP target/s (n.n.n.n form): 10.0.0.1");
    assertStaticAddressOnBond();

    tearDownAndCheck(lab, engine, spec, List.of("bond0"));
  }

  private void assertStaticAddressOnBond() {
    HostState host = lab.host();
    assertThat(host.addressesOn("bond0"))
        .extracting(a -> a.cidr())
        .containsExactly(ADDRESS + "/24");
    assertThat(host.addressesOn("eth0")).isEmpty();
    assertThat(host.routesVia("bond0"))
        .filteredOn(Route::isDefault)
        .extracting(Route::gateway)
        .containsExactly(KernelLab.GATEWAY);
    lab.waitFor(Duration.ofSeconds(20), lab::nodeReachesGateway, "the node to reach its gateway");
    lab.waitFor(Duration.ofSeconds(20), () -> lab.peerReaches(ADDRESS), "the peer to reach .88");
  }
}

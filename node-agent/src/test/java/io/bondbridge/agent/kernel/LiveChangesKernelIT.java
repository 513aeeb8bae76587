package io.bondbridge.agent.kernel;

import static io.bondbridge.agent.kernel.KernelChecks.applyAndConverge;
import static io.bondbridge.agent.kernel.KernelChecks.tearDownAndCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes to a live bond that carries the node's address (seed 001's layout: static address and
 * default route on bond0): an option, the gateway, a port added and removed, a VLAN added and
 * removed, and the mode. After each, the kernel reads back the change, the node still reaches its
 * gateway, and the next plan is empty.
 */
class LiveChangesKernelIT {
  private static final String ADDRESS = "10.0.0.88";
  private KernelLab lab;
  private Engine engine;

  @BeforeEach
  void lab() {
    lab = KernelLab.withNics(3);
    engine = lab.engine();
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  private static BondBridgeNodeSpec spec(String mode, String ports, int miimon, String vlans) {
    return spec(mode, ports, miimon, vlans, "10.0.0.1");
  }

  private static BondBridgeNodeSpec spec(
      String mode, String ports, int miimon, String vlans, String gateway) {
    boolean activeBackup = mode.equals("active-backup");
    return Examples.fromYaml(
        """
        apiVersion: bondbridge.io/v1alpha1
        kind: BondBridge
        metadata:
          name: live
        spec:
          bond:
            name: bond0
            mode: %s
            ports: [%s]
        %s    options: {miimon: %d}
        %s  ipv4:
            mode: static
            addresses: {squeeze: %s/24}
            gateway: %s
        """
            .formatted(
                mode,
                ports,
                activeBackup ? "    primary: eth0\n" : "",
                miimon,
                vlans,
                ADDRESS,
                gateway));
  }

  private static final String TWO_PORTS = "{name: eth0}, {name: eth1}";
  private static final String VLAN_10 =
      "  vlans:\n  - id: 10\n    ipv4: {mode: static, addresses: {squeeze: 192.168.1.1/24}}\n";

  @Test
  void optionPortsVlanAndModeChangeOnALiveBond() {
    BondBridgeNodeSpec base = spec("active-backup", TWO_PORTS, 100, "");
    applyAndConverge(engine, base);
    assertReachable();

    // an option: changed live, the bond stays up
    BondBridgeNodeSpec miimon200 = spec("active-backup", TWO_PORTS, 200, "");
    assertThat(engine.plan(miimon200).steps())
        .singleElement()
        .isInstanceOf(LinkStep.SetBondOptions.class);
    applyAndConverge(engine, miimon200);
    assertThat(lab.sysfs("bond0", "miimon")).isEqualTo("200");
    assertReachable();

    // the gateway: the old default route makes way for the new one, and back
    lab.ip("-n", "sw", "addr", "add", "10.0.0.254/24", "dev", "swbr");
    applyAndConverge(engine, spec("active-backup", TWO_PORTS, 200, "", "10.0.0.254"));
    assertThat(lab.host().routesVia("bond0"))
        .filteredOn(Route::isDefault)
        .extracting(Route::gateway)
        .containsExactly("10.0.0.254");
    lab.waitFor(
        Duration.ofSeconds(20),
        () -> lab.runner.run(List.of("ping", "-c", "1", "-W", "1", "10.0.0.254")).ok(),
        "the node to reach its new gateway");
    applyAndConverge(engine, miimon200);
    assertThat(lab.host().routesVia("bond0"))
        .filteredOn(Route::isDefault)
        .extracting(Route::gateway)
        .containsExactly("10.0.0.1");
    assertReachable();

    // a port added, then removed again (it comes back free and up)
    BondBridgeNodeSpec threePorts = spec("active-backup", TWO_PORTS + ", {name: eth2}", 200, "");
    applyAndConverge(engine, threePorts);
    assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1 eth2");
    applyAndConverge(engine, miimon200);
    assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1");
    HostState host = lab.host();
    assertThat(host.links().get("eth2").master()).isNull();
    assertThat(host.links().get("eth2").adminUp()).isTrue();
    assertReachable();

    // a VLAN added, then removed
    BondBridgeNodeSpec withVlan = spec("active-backup", TWO_PORTS, 200, VLAN_10);
    applyAndConverge(engine, withVlan);
    assertThat(lab.read(Path.of("/proc/net/vlan/config"))).contains("bond0.10");
    assertThat(lab.host().addressesOn("bond0.10"))
        .extracting(a -> a.cidr())
        .containsExactly("192.168.1.1/24");
    applyAndConverge(engine, miimon200);
    assertThat(lab.host().links()).doesNotContainKey("bond0.10");
    assertReachable();

    // the mode: the bond goes down and empty, is changed, and gets its ports back
    BondBridgeNodeSpec balanceXor = spec("balance-xor", TWO_PORTS, 200, "");
    applyAndConverge(engine, balanceXor);
    assertThat(lab.sysfs("bond0", "mode")).isEqualTo("balance-xor 2");
    assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1");
    assertReachable();

    tearDownAndCheck(lab, engine, balanceXor, List.of("bond0"));
  }

  private void assertReachable() {
    HostState host = lab.host();
    assertThat(host.addressesOn("bond0"))
        .extracting(a -> a.cidr())
        .containsExactly(ADDRESS + "/24");
    assertThat(host.routesVia("bond0")).filteredOn(Route::isDefault).hasSize(1);
    lab.waitFor(Duration.ofSeconds(20), lab::nodeReachesGateway, "the node to reach its gateway");
    lab.waitFor(Duration.ofSeconds(20), () -> lab.peerReaches(ADDRESS), "the peer to reach .88");
  }
}

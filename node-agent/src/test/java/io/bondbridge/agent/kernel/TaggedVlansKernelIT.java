package io.bondbridge.agent.kernel;

import static io.bondbridge.agent.kernel.KernelChecks.applyAndConverge;
import static io.bondbridge.agent.kernel.KernelChecks.tearDownAndCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tagged-VLAN topology (seed document 004, examples/seed-004-vlans.yaml) on a real kernel:
 * VLANs 10 and 15 on an active-backup team, each with its own static address, the team itself
 * without one (the node is reached through a management NIC). The example's address pools need the
 * operator, so the test gives this node its addresses; a peer with its own VLAN interfaces on the
 * same switch proves the tagged traffic flows.
 */
class TaggedVlansKernelIT {
  private static final String SPEC =
      """
      apiVersion: bondbridge.io/v1alpha1
      kind: BondBridge
      metadata:
        name: tagged-vlans
      spec:
        bond:
          name: team1
          mode: active-backup
          ports: [{name: eth0}, {name: eth1}]
          primary: eth0
          options: {miimon: 100}
        vlans:
          - id: 10
            ipv4: {mode: static, addresses: {squeeze: 192.168.1.1/24}}
          - id: 15
            ipv4: {mode: static, addresses: {squeeze: 192.168.2.1/24}}
        ipv4:
          mode: none
      """;

  private KernelLab lab;

  @BeforeEach
  void lab() {
    lab = KernelLab.withManagementNic(2);
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  @Test
  void vlansTenAndFifteenOnTheTeamCarryTheirAddresses() {
    BondBridgeNodeSpec spec = Examples.fromYaml(SPEC);
    Engine engine = lab.engine();

    applyAndConverge(engine, spec);

    String config = lab.read(Path.of("/proc/net/vlan/config"));
    assertThat(config.lines().map(l -> l.replaceAll("\\s+", "")))
        .contains("team1.10|10|team1", "team1.15|15|team1");
    assertThat(lab.read(Path.of("/proc/net/vlan/team1.10"))).contains("VID: 10");
    assertThat(lab.read(Path.of("/proc/net/vlan/team1.15"))).contains("VID: 15");
    HostState host = lab.host();
    assertThat(host.links().get("team1.10").parent()).isEqualTo("team1");
    assertThat(host.links().get("team1.10").vlanId()).isEqualTo(10);
    assertThat(host.links().get("team1.15").vlanId()).isEqualTo(15);
    assertThat(host.addressesOn("team1.10"))
        .extracting(a -> a.cidr())
        .containsExactly("192.168.1.1/24");
    assertThat(host.addressesOn("team1.15"))
        .extracting(a -> a.cidr())
        .containsExactly("192.168.2.1/24");
    assertThat(host.addressesOn("team1")).isEmpty();
    assertThat(lab.sysfs("team1", "slaves")).isEqualTo("eth0 eth1");
    assertThat(lab.sysfs("team1", "primary")).isEqualTo("eth0");

    // The peer joins both VLANs on the switch and reaches the node through the tagged traffic.
    lab.ip("-n", "peer", "link", "add", "link", "p0", "name", "p0.10", "type", "vlan", "id", "10");
    lab.ip("-n", "peer", "link", "add", "link", "p0", "name", "p0.15", "type", "vlan", "id", "15");
    lab.ip("-n", "peer", "addr", "add", "192.168.1.200/24", "dev", "p0.10");
    lab.ip("-n", "peer", "addr", "add", "192.168.2.200/24", "dev", "p0.15");
    lab.ip("-n", "peer", "link", "set", "p0.10", "up");
    lab.ip("-n", "peer", "link", "set", "p0.15", "up");
    lab.waitFor(Duration.ofSeconds(20), () -> lab.peerReaches("192.168.1.1"), "VLAN 10 to carry");
    lab.waitFor(Duration.ofSeconds(20), () -> lab.peerReaches("192.168.2.1"), "VLAN 15 to carry");

    tearDownAndCheck(lab, engine, spec, List.of("team1", "team1.10", "team1.15"));
    assertThat(lab.read(Path.of("/proc/net/vlan/config"))).doesNotContain("team1");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the management NIC to still work");
  }
}

package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.agent.host.BridgeVlan;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Probes;
import io.bondbridge.api.v1alpha1.VlanRange;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A VLAN-filtering bridge on the bond, on a real kernel: the switch sends tagged VLANs 20 and 30
 * (its own 802.1Q interfaces on its bridge), a "VM" (a namespace behind a veth port of br0, in both
 * VLANs as its CNI would put it) answers on the VLAN the trunk lists and not on the other; a change
 * that cuts a VLAN the node's probe needs is rolled back with the VLAN table; a re-apply plans
 * nothing.
 */
class VlanTrunkKernelIT {
  private KernelLab lab;
  private Path stateDir;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    stateDir = Files.createTempDirectory("bondbridge-state");
    for (int vlan : List.of(20, 30)) {
      lab.ip(
          "-n",
          "sw",
          "link",
          "add",
          "link",
          "swbr",
          "name",
          "swbr." + vlan,
          "type",
          "vlan",
          "id",
          String.valueOf(vlan));
      lab.ip("-n", "sw", "addr", "add", "10." + vlan + ".0.1/24", "dev", "swbr." + vlan);
      lab.ip("-n", "sw", "link", "set", "swbr." + vlan, "up");
    }
  }

  @AfterEach
  void clean() {
    lab.runner.run(List.of("ip", "netns", "del", "vm"));
    lab.close();
  }

  private Engine guarded() {
    return lab.guarded(stateDir);
  }

  private static BondBridgeNodeSpec spec(List<VlanRange> trunk, List<Probes.Target> targets) {
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0"), PortSelector.byName("eth1")),
            "eth0",
            BondOptions.none(),
            null);
    Bridge bridge = Bridge.named("br0").withVlans(null, trunk, List.of(VlanRange.of(20)));
    BondBridgeSpec spec =
        new BondBridgeSpec(
            null,
            bond,
            null,
            bridge,
            Ipv4.inherit(),
            null,
            null,
            new Probes(5, true, false, targets),
            null,
            null);
    return SpecFile.resolve("trunk", spec, "node-a");
  }

  /** The "VM": namespace vm behind br0's port vm0, with 802.1Q interfaces for VLANs 20 and 30. */
  private void startVm() {
    lab.ip("netns", "add", "vm");
    lab.ip("link", "add", "vm0", "type", "veth", "peer", "name", "vmeth", "netns", "vm");
    lab.ip("link", "set", "vm0", "master", "br0");
    lab.ip("link", "set", "vm0", "up");
    lab.ip("-n", "vm", "link", "set", "vmeth", "up");
    for (int vlan : List.of(20, 30)) {
      // the VM's port is in both VLANs, as a CNI puts it: only the trunk decides what reaches it
      lab.runner.output(
          List.of("bridge", "vlan", "add", "dev", "vm0", "vid", String.valueOf(vlan)));
      lab.ip(
          "-n",
          "vm",
          "link",
          "add",
          "link",
          "vmeth",
          "name",
          "vmeth." + vlan,
          "type",
          "vlan",
          "id",
          String.valueOf(vlan));
      lab.ip("-n", "vm", "addr", "add", "10." + vlan + ".0.2/24", "dev", "vmeth." + vlan);
      lab.ip("-n", "vm", "link", "set", "vmeth." + vlan, "up");
    }
  }

  private boolean switchReaches(String address) {
    return lab.runner
        .run(List.of("ip", "netns", "exec", "sw", "ping", "-c", "1", "-W", "1", address))
        .ok();
  }

  @Test
  void theTrunkCarriesItsVlansToAVmAndNoOther() {
    BondBridgeNodeSpec spec = spec(List.of(VlanRange.of(20), VlanRange.of(100, 110)), null);

    Engine.Outcome outcome = guarded().apply(spec);

    assertThat(outcome.ok()).as("%s", outcome.failure()).isTrue();
    HostState host = lab.host();
    List<BridgeVlan> bond = host.bridgeVlans().get("bond0");
    List<BridgeVlan> expected =
        new ArrayList<>(List.of(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20)));
    for (int id = 100; id <= 110; id++) {
      expected.add(BridgeVlan.tagged(id));
    }
    assertThat(bond).containsExactlyElementsOf(expected);
    assertThat(host.bridgeVlans().get("br0"))
        .containsExactly(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20));
    // the node's own untagged address goes on in VLAN 1
    assertThat(lab.peerReachesNode()).isTrue();

    startVm();
    lab.waitFor(
        Duration.ofSeconds(20), () -> switchReaches("10.20.0.2"), "the VM to answer on VLAN 20");
    assertThat(switchReaches("10.30.0.2")).as("VLAN 30 is not in the trunk").isFalse();
    assertThat(switchReaches("10.20.0.2")).isTrue();

    assertThat(guarded().plan(spec).steps()).as("a converged host plans nothing").isEmpty();
  }

  @Test
  void aChangeThatCutsTheVlanAProbeNeedsIsRolledBackWithTheVlanTable() {
    assertThat(guarded().apply(spec(List.of(VlanRange.of(20)), null)).ok()).isTrue();
    // the host on VLAN 20 through the bridge itself (self: [20]): its probe target is the switch's
    lab.ip("link", "add", "link", "br0", "name", "br0.20", "type", "vlan", "id", "20");
    lab.ip("addr", "add", "10.20.0.5/24", "dev", "br0.20");
    lab.ip("link", "set", "br0.20", "up");
    lab.waitFor(Duration.ofSeconds(20), () -> switchReaches("10.20.0.5"), "the host on VLAN 20");
    HostSnapshot before = lab.snapshot();
    List<Probes.Target> vlan20 = List.of(new Probes.Target("10.20.0.1", null));

    // VLAN 20 leaves the trunk, 30 comes: the switch on VLAN 20 is cut off
    Engine.Outcome outcome = guarded().apply(spec(List.of(VlanRange.of(30)), vlan20));

    assertThat(outcome.rolledBack()).as("%s", outcome.failure()).isTrue();
    assertThat(outcome.verdict().failedProbe()).contains("10.20.0.1");
    assertThat(lab.snapshot()).isEqualTo(before);
    assertThat(lab.host().bridgeVlans().get("bond0"))
        .containsExactly(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20));
    lab.waitFor(Duration.ofSeconds(20), () -> switchReaches("10.20.0.5"), "VLAN 20 back");
  }
}

package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.host.BridgeVlan;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.VlanRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bridge VLAN table: only the difference is planned, and each undo restores what was seen. */
class BridgeVlanStepsTest {
  private static final Bridge TRUNK =
      Bridge.named("br0")
          .withVlans(
              null, List.of(VlanRange.of(20), VlanRange.of(100, 110)), List.of(VlanRange.of(20)));

  private static HostState host(boolean filtering, Map<String, List<BridgeVlan>> tables) {
    Link br0 =
        new Link(
            3,
            "br0",
            "bridge",
            null,
            null,
            null,
            true,
            "UP",
            true,
            1500,
            OWNER.mark(),
            null,
            null,
            null,
            Map.of("vlan_filtering", filtering ? "1" : "0"));
    Link bond0 =
        new Link(
            2,
            "bond0",
            "bond",
            "br0",
            null,
            null,
            true,
            "UP",
            true,
            1500,
            OWNER.mark(),
            null,
            null,
            null,
            Map.of());
    return new HostState(Map.of("br0", br0, "bond0", bond0), Map.of(), List.of(), List.of())
        .withBridgeVlans(tables);
  }

  private static List<String> commands(List<Step> steps) {
    return steps.stream().map(Step::describe).toList();
  }

  @Test
  void thePlannerSetsTheTableOnceTheBondIsInTheBridge() {
    BondBridgeNodeSpec spec =
        TestHosts.spec(
            TestHosts.bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            TRUNK,
            NodeIpv4.inherit());

    List<String> plan =
        commands(Planner.plan(spec, TestHosts.nodeWithNics(2).build(), TestHosts.OWNER).steps());

    assertThat(plan)
        .contains(
            "ip link add name br0 type bridge stp_state 0 forward_delay 1500 vlan_filtering 1");
    assertThat(plan.subList(plan.indexOf("ip link set dev eth1 master bond0"), plan.size()))
        .containsExactly(
            "ip link set dev eth1 master bond0",
            "bridge vlan add dev bond0 vid 20",
            "bridge vlan add dev bond0 vid 100-110",
            "bridge vlan add dev br0 vid 20 self");
  }

  @Test
  void aNewBridgeKeepsTheKernelsVlan1AndAddsTheTrunkByRange() {
    HostState empty = new HostState(Map.of(), Map.of(), List.of(), List.of());

    List<Step> steps = BridgeVlanSteps.steps(empty, TRUNK, "bond0");

    assertThat(commands(steps))
        .containsExactly(
            "bridge vlan add dev bond0 vid 20",
            "bridge vlan add dev bond0 vid 100-110",
            "bridge vlan add dev br0 vid 20 self");
    assertThat(steps).allMatch(s -> s.program().equals("bridge"));
    assertThat(commands(steps.get(1).undo()))
        .containsExactly("bridge vlan del dev bond0 vid 100-110");
  }

  @Test
  void aConvergedTablePlansNothing() {
    List<BridgeVlan> port =
        new ArrayList<>(List.of(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20)));
    for (int id = 100; id <= 110; id++) {
      port.add(BridgeVlan.tagged(id));
    }
    HostState converged =
        host(
            true,
            Map.of(
                "bond0", port, "br0", List.of(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20))));

    assertThat(BridgeVlanSteps.steps(converged, TRUNK, "bond0")).isEmpty();
  }

  @Test
  void aNewPvidComesFirstAndTheKernelsVlan1GoesAndComesBackOnUndo() {
    HostState host =
        host(
            true,
            Map.of(
                "bond0",
                List.of(BridgeVlan.untaggedPvid(1)),
                "br0",
                List.of(BridgeVlan.untaggedPvid(1))));
    Bridge pvid5 = Bridge.named("br0").withVlans(5, null, null);

    List<Step> steps = BridgeVlanSteps.steps(host, pvid5, "bond0");

    assertThat(commands(steps))
        .containsExactly(
            "bridge vlan add dev bond0 vid 5 pvid untagged",
            "bridge vlan del dev bond0 vid 1",
            "bridge vlan add dev br0 vid 5 pvid untagged self",
            "bridge vlan del dev br0 vid 1 self");
    // walking back: VLAN 1 is PVID again before VLAN 5 goes, so the port always has one
    assertThat(commands(Applier.undoOf(steps)))
        .containsExactly(
            "bridge vlan add dev br0 vid 1 pvid untagged self",
            "bridge vlan del dev br0 vid 5 self",
            "bridge vlan add dev bond0 vid 1 pvid untagged",
            "bridge vlan del dev bond0 vid 5");
  }

  @Test
  void entriesTheSpecDoesNotListGoAndTheirUndoRestoresTheirFlags() {
    HostState host =
        host(
            true,
            Map.of(
                "bond0",
                List.of(
                    new BridgeVlan(1, false, true),
                    BridgeVlan.untaggedPvid(7),
                    BridgeVlan.tagged(20),
                    BridgeVlan.tagged(30),
                    BridgeVlan.tagged(31)),
                "br0",
                List.of(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20))));

    List<Step> steps = BridgeVlanSteps.steps(host, TRUNK, "bond0");

    assertThat(commands(steps))
        .containsExactly(
            "bridge vlan add dev bond0 vid 1 pvid untagged",
            "bridge vlan add dev bond0 vid 100-110",
            "bridge vlan del dev bond0 vid 7",
            "bridge vlan del dev bond0 vid 30-31");
    assertThat(commands(steps.get(0).undo()))
        .containsExactly("bridge vlan add dev bond0 vid 1 untagged");
    assertThat(commands(steps.get(2).undo()))
        .containsExactly("bridge vlan add dev bond0 vid 7 pvid untagged");
    assertThat(commands(steps.get(3).undo()))
        .containsExactly("bridge vlan add dev bond0 vid 30-31");
  }

  @Test
  void aBridgeThatJustTurnsFilteringOnStartsFromTheKernelsDefault() {
    HostState notFiltering = host(false, Map.of());

    assertThat(
            commands(
                BridgeVlanSteps.steps(
                    notFiltering,
                    Bridge.named("br0").withVlans(null, List.of(VlanRange.of(300)), null),
                    "bond0")))
        .containsExactly("bridge vlan add dev bond0 vid 300");
  }

  @Test
  void aBridgeWithoutFilteringHasNoTableSteps() {
    assertThat(BridgeVlanSteps.steps(host(false, Map.of()), Bridge.named("br0"), "bond0"))
        .isEmpty();
  }

  @Test
  void theUndoneTeardownOfAFilteringBridgeGetsItsTableBack() {
    HostState host =
        host(
            true,
            Map.of(
                "bond0",
                List.of(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20), BridgeVlan.tagged(21)),
                "br0",
                List.of(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20))));

    assertThat(commands(BridgeVlanSteps.recreate(host.links().get("br0"), host)))
        .containsExactly(
            "bridge vlan add dev bond0 vid 20-21", "bridge vlan add dev br0 vid 20 self");
    // and a teardown that is undone makes the bridge again with that table
    BondBridgeNodeSpec spec =
        TestHosts.spec(
            TestHosts.bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), TRUNK, NodeIpv4.none());
    List<Step> teardown = Teardown.plan(spec, host, OWNER).steps();
    assertThat(commands(teardown)).contains("ip link del dev br0");
    Step deleteBridge =
        teardown.stream()
            .filter(st -> st.describe().equals("ip link del dev br0"))
            .findFirst()
            .orElseThrow();
    assertThat(commands(deleteBridge.undo()))
        .endsWith(
            "ip link set dev bond0 master br0",
            "bridge vlan add dev bond0 vid 20-21",
            "bridge vlan add dev br0 vid 20 self");
  }
}

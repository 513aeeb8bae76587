package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ipv4.mode dhcp → static or none on a node where the agent's client keeps br0's lease: the client
 * is stopped before the addresses change, so it renews neither the address nor its default route
 * onto br0 again; a lease the spec now names stays, made permanent.
 */
class DhcpModeChangeTest {
  private static final Route LEASE_ROUTE =
      Route.of("default", "10.0.0.1", "br0").withProtocol("dhcp");

  /** The applied bridge, br0 holding a lease from the agent's client, with its default route. */
  private static HostState leasedBridge() {
    HostState host =
        nics()
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .bridge("br0", 1500, BridgeSteps.options(Bridge.named("br0")))
            .enslave("bond0", "br0")
            .lease("br0", "10.0.0.7/24")
            .route(LEASE_ROUTE)
            .build();
    return host.withDhcp(
        new DhcpView(true, Set.of("br0"), List.of(), Map.of(), Set.of(), Map.of(), false));
  }

  /** eth0 and eth1, their addresses long gone to br0. */
  private static TestHosts nics() {
    return TestHosts.host().nic("eth0", "52:54:00:00:00:00").nic("eth1", "52:54:00:00:00:01");
  }

  private static BondBridgeNodeSpec spec(NodeIpv4 ipv4) {
    return TestHosts.spec(
        TestHosts.bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), Bridge.named("br0"), ipv4);
  }

  private static List<Step> steps(NodeIpv4 ipv4) {
    Plan plan = Planner.plan(spec(ipv4), leasedBridge(), OWNER);
    assertThat(plan.isRefused()).as(String.join("; ", plan.refusals())).isFalse();
    return plan.steps();
  }

  private static List<String> commands(NodeIpv4 ipv4) {
    return steps(ipv4).stream().map(Step::describe).toList();
  }

  @Test
  void dhcpStillLeavesTheRunningClientAlone() {
    assertThat(commands(NodeIpv4.dhcp())).noneMatch(c -> c.startsWith("dhclient"));
  }

  @Test
  void staticWithTheLeasesAddressStopsTheClientFirstAndKeepsTheAddressForever() {
    List<String> commands =
        commands(new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.7/24", "10.0.0.1", null, null));
    assertThat(commands.get(0)).isEqualTo("dhclient -4 -x br0");
    assertThat(commands)
        .contains("ip addr replace 10.0.0.7/24 dev br0 valid_lft forever preferred_lft forever")
        // the lease's router is the spec's gateway: its route stays as it is
        .noneMatch(c -> c.startsWith("ip route"))
        .noneMatch(c -> c.startsWith("ip addr del"));
    // a rollback starts the client again as it was, with the lease's router
    assertThat(
            steps(new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.7/24", "10.0.0.1", null, null))
                .get(0)
                .undo())
        .containsExactly(new DhcpStep.KeepDhcpLease("br0", true));
  }

  @Test
  void staticWithAnotherAddressTakesTheLeaseAndItsRouteOff() {
    List<String> commands =
        commands(new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.9/24", null, null, null));
    assertThat(commands.get(0)).isEqualTo("dhclient -4 -x br0");
    assertThat(commands)
        .contains(
            "ip route del default via 10.0.0.1 dev br0 proto dhcp",
            "ip addr del 10.0.0.7/24 dev br0",
            "ip addr add 10.0.0.9/24 dev br0")
        .noneMatch(c -> c.contains("forever"));
  }

  @Test
  void noneStopsTheClientAndLeavesNoIpv4OnTop() {
    List<String> commands = commands(NodeIpv4.none());
    assertThat(commands.get(0)).isEqualTo("dhclient -4 -x br0");
    assertThat(commands)
        .contains(
            "ip addr del 10.0.0.7/24 dev br0",
            "ip route del default via 10.0.0.1 dev br0 proto dhcp");
  }

  @Test
  void theSecondPlanOnTheHostTheFirstLeftIsEmpty() {
    // what the kernel holds after the static plan with the lease's address: no client, a permanent
    // address, the route as it was
    HostState after =
        nics()
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .bridge("br0", 1500, BridgeSteps.options(Bridge.named("br0")))
            .enslave("bond0", "br0")
            .address("br0", "10.0.0.7/24")
            .route(LEASE_ROUTE)
            .build();
    Plan again =
        Planner.plan(
            spec(new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.7/24", "10.0.0.1", null, null)),
            after,
            OWNER);
    assertThat(again.steps()).isEmpty();
  }

  @Test
  void aVlanFromDhcpToStaticStopsItsClientAndLeavesTheTopsAlone() {
    HostState host =
        nics()
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .bridge("br0", 1500, BridgeSteps.options(Bridge.named("br0")))
            .enslave("bond0", "br0")
            .lease("br0", "10.0.0.7/24")
            .route(LEASE_ROUTE)
            .vlan("bond0.20", "bond0", 20, 1500)
            .lease("bond0.20", "10.20.0.5/24")
            .build()
            .withDhcp(
                new DhcpView(
                    true,
                    Set.of("br0", "bond0.20"),
                    List.of(),
                    Map.of(),
                    Set.of(),
                    Map.of(),
                    false));
    NodeVlan pinned =
        new NodeVlan(
            20,
            "bond0.20",
            null,
            null,
            new NodeIpv4(Ipv4Mode.STATIC, "10.20.0.5/24", null, null, null),
            null);
    BondBridgeNodeSpec spec =
        new BondBridgeNodeSpecBuilder(spec(NodeIpv4.dhcp())).withVlans(List.of(pinned)).build();
    List<String> commands =
        Planner.plan(spec, host, OWNER).steps().stream().map(Step::describe).toList();
    assertThat(commands)
        .filteredOn(c -> c.startsWith("dhclient"))
        .containsExactly("dhclient -4 -x bond0.20");
    assertThat(commands)
        .contains(
            "ip addr replace 10.20.0.5/24 dev bond0.20 valid_lft forever preferred_lft forever")
        .noneMatch(c -> c.contains("br0") && c.startsWith("ip addr"));
  }
}

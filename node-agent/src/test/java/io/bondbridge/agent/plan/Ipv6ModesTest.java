package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static io.bondbridge.agent.plan.TestHosts.bond;
import static io.bondbridge.agent.plan.TestHosts.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.observe.HostStateAssembler;
import io.bondbridge.agent.observe.KernelFixtures;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ipv6 static, auto and none on the dual-stack host captured from kernel 6.1 (see {@link
 * Ipv6InheritTest}): the ports' IPv6 addresses are taken off before the port goes down, as with
 * inherit, but stay off; static puts its own address, gateway and routes on the top interface.
 */
class Ipv6ModesTest {
  private static final String STATIC6 = "2001:db8:1::10/64";

  private static BondBridgeNodeSpec spec(NodeIpv4 ipv4, NodeIpv6 ipv6) {
    return new BondBridgeNodeSpecBuilder(
            TestHosts.spec(
                bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), Bridge.named("br0"), ipv4))
        .withIpv6(ipv6)
        .build();
  }

  private static NodeIpv6 static6(List<Ipv6.Route> routes) {
    return new NodeIpv6(Ipv6Mode.STATIC, STATIC6, "fe80::1", routes);
  }

  private static HostState dualStack() {
    return HostStateAssembler.assemble(KernelFixtures.readings("dual-stack"));
  }

  private static List<String> commands(Plan plan) {
    assertThat(plan.isRefused()).as(String.join("; ", plan.refusals())).isFalse();
    return plan.steps().stream().map(Step::describe).toList();
  }

  @Test
  void staticTakesThePortsIpv6OffAndPutsItsAddressGatewayAndRoutesOnTopWithIpv4Inherited() {
    List<String> commands =
        commands(
            Planner.plan(
                spec(
                    NodeIpv4.inherit(),
                    static6(List.of(new Ipv6.Route("fd00:20::/48", "fe80::fe", 100)))),
                dualStack(),
                OWNER));

    assertThat(commands)
        .containsSubsequence(
            "ip route del 2001:db8:99::/64 via 2001:db8:1::fe dev eth0 metric 1024 proto boot",
            "ip addr del 2001:db8:1::2/64 dev eth0",
            "ip link set dev eth0 down",
            "ip link set dev eth0 master bond0",
            "ip link set dev bond0 up",
            "ip addr add 10.0.0.2/24 dev br0",
            // a new address on the link: duplicate address detection runs (no nodad)
            "ip addr add 2001:db8:1::10/64 dev br0",
            "ip addr del 10.0.0.2/24 dev eth0",
            "ip route add default via 10.0.0.1 dev br0 proto boot",
            "ip route add default via fe80::1 dev br0 proto static",
            "ip route add fd00:20::/48 via fe80::fe dev br0 metric 100 proto static");
    // neither the ports' IPv6 addresses nor their IPv6 routes, nor a token, reach br0
    assertThat(commands)
        .noneMatch(c -> c.contains("dev br0") && c.contains("2001:db8:1::2/64"))
        .noneMatch(c -> c.contains("2001:db8:99::/64") && c.contains("br0"))
        .noneMatch(c -> c.startsWith("ip token"));
  }

  @Test
  void autoAndNoneLeaveTheTopInterfaceWithoutTheirAddressesOrToken() {
    for (Ipv6Mode mode : List.of(Ipv6Mode.AUTO, Ipv6Mode.NONE)) {
      List<String> commands =
          commands(
              Planner.plan(
                  spec(NodeIpv4.inherit(), new NodeIpv6(mode, null, null, null)),
                  dualStack(),
                  OWNER));
      assertThat(commands).as(mode.toString()).contains("ip addr del 2001:db8:1::2/64 dev eth0");
      assertThat(commands)
          .as(mode.toString())
          .noneMatch(c -> c.contains("br0") && c.contains("2001:db8"))
          .noneMatch(c -> c.startsWith("ip token"))
          .contains("ip addr add 10.0.0.2/24 dev br0");
    }
  }

  /** A host whose agent may run DHCPv6 clients ({@code runs6}), ours running on {@code on}. */
  private static HostState dhcp6(HostState host, boolean runs6, Set<String> on) {
    return host.withDhcp(new DhcpView(true, Set.of(), List.of(), Map.of(), on, Map.of(), runs6));
  }

  private static HostState appliedBridge() {
    return TestHosts.nodeWithNics(2)
        .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
        .enslave("eth0", "bond0")
        .enslave("eth1", "bond0")
        .bridge("br0", 1500, BridgeSteps.options(Bridge.named("br0")))
        .enslave("bond0", "br0")
        .build();
  }

  @Test
  void autoRunsADhcpv6ClientOnTheTopOnceTheInterfacesAreUpWhereTheAgentMay() {
    NodeIpv6 auto = new NodeIpv6(Ipv6Mode.AUTO, null, null, null);
    List<String> commands =
        commands(
            Planner.plan(
                spec(NodeIpv4.inherit(), auto), dhcp6(dualStack(), true, Set.of()), OWNER));
    assertThat(commands).contains("dhclient -6 -d -e BONDBRIDGE_ROUTER=no br0");
    assertThat(commands.indexOf("dhclient -6 -d -e BONDBRIDGE_ROUTER=no br0"))
        .isGreaterThan(commands.indexOf("ip link set dev br0 up"));
    // without CAP_NET_BIND_SERVICE auto is SLAAC alone; other modes never run one
    assertThat(
            commands(
                Planner.plan(
                    spec(NodeIpv4.inherit(), auto), dhcp6(dualStack(), false, Set.of()), OWNER)))
        .noneMatch(c -> c.startsWith("dhclient"));
    assertThat(
            commands(
                Planner.plan(
                    spec(NodeIpv4.inherit(), NodeIpv6.none()),
                    dhcp6(dualStack(), true, Set.of()),
                    OWNER)))
        .noneMatch(c -> c.startsWith("dhclient"));
  }

  @Test
  void aRunningDhcpv6ClientIsLeftAloneAndItsLeaseGivenBackWhenTheModeIsNoLongerAuto() {
    HostState host = dhcp6(appliedBridge(), true, Set.of("br0"));
    assertThat(
            commands(
                Planner.plan(
                    spec(NodeIpv4.inherit(), new NodeIpv6(Ipv6Mode.AUTO, null, null, null)),
                    host,
                    OWNER)))
        .noneMatch(c -> c.startsWith("dhclient"));
    assertThat(commands(Planner.plan(spec(NodeIpv4.inherit(), NodeIpv6.none()), host, OWNER)))
        .contains("dhclient -6 -r br0");
  }

  @Test
  void teardownStopsTheDhcpv6ClientFirstAndItsUndoStartsItAgain() {
    HostState host = dhcp6(appliedBridge(), true, Set.of("br0"));
    Plan teardown =
        Teardown.plan(
            spec(NodeIpv4.inherit(), new NodeIpv6(Ipv6Mode.AUTO, null, null, null)), host, OWNER);
    Step first = teardown.steps().get(0);
    assertThat(first.describe()).isEqualTo("dhclient -6 -x br0");
    assertThat(first.undo()).containsExactly(new DhcpStep.KeepDhcpLease("br0", false, true));
    assertThat(teardown.steps().stream().map(Step::describe))
        .filteredOn(c -> c.startsWith("dhclient"))
        .hasSize(1);
  }

  @Test
  void noneAndAutoRemoveAPermanentIpv6AddressFromTheTopButLeaveSlaacOnesToTheKernel() {
    HostState host =
        TestHosts.nodeWithNics(2)
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth1", "bond0")
            .bridge("br0", 1500, BridgeSteps.options(Bridge.named("br0")))
            .enslave("bond0", "br0")
            .build();
    List<Address> addresses = new ArrayList<>(host.addresses());
    addresses.add(new Address("br0", "fd00:5::5/64", false));
    addresses.add(
        new Address("br0", "2001:db8:1::aa/64", true, 3600L, 3600L, List.of("mngtmpaddr")));
    host = new HostState(host.links(), host.bonds(), addresses, host.routes());
    List<String> none =
        commands(Planner.plan(spec(NodeIpv4.inherit(), NodeIpv6.none()), host, OWNER));
    assertThat(none)
        .contains("ip addr del fd00:5::5/64 dev br0")
        .noneMatch(c -> c.contains("::aa"));
    List<String> kept =
        commands(
            Planner.plan(
                spec(NodeIpv4.inherit(), new NodeIpv6(Ipv6Mode.STATIC, "fd00:5::5/64", null, null)),
                host,
                OWNER));
    assertThat(kept).noneMatch(c -> c.contains("fd00:5::5"));
  }

  @Test
  void aVlanGetsItsStaticIpv6AddressAndRoutes() {
    NodeVlan vlan =
        new NodeVlan(
            10,
            "bond0.10",
            null,
            null,
            null,
            new NodeIpv6(
                Ipv6Mode.STATIC,
                "fd00:10::5/64",
                null,
                List.of(new Ipv6.Route("fd00:30::/64", "fd00:10::1", null))));
    BondBridgeNodeSpec spec =
        new BondBridgeNodeSpecBuilder(spec(NodeIpv4.inherit(), null))
            .withVlans(List.of(vlan))
            .build();
    assertThat(commands(Planner.plan(spec, dualStack(), OWNER)))
        .containsSubsequence(
            "ip link add link bond0 name bond0.10 type vlan id 10",
            "ip addr add fd00:10::5/64 dev bond0.10",
            "ip route add fd00:30::/64 via fd00:10::1 dev bond0.10 proto static");
  }

  @Test
  void anIpv6RouteWithHostBitsAndTwoIpv6GatewaysAreRefusedWithoutAStep() {
    NodeVlan vlan =
        new NodeVlan(
            10,
            "bond0.10",
            null,
            null,
            null,
            new NodeIpv6(Ipv6Mode.STATIC, "fd00:10::5/64", "fd00:10::1", null));
    BondBridgeNodeSpec spec =
        new BondBridgeNodeSpecBuilder(
                spec(
                    NodeIpv4.inherit(),
                    static6(List.of(new Ipv6.Route("fd00:20::1/48", null, null)))))
            .withVlans(List.of(vlan))
            .build();
    Plan plan = Planner.plan(spec, dualStack(), OWNER);
    assertThat(plan.isRefused()).isTrue();
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .containsExactly(
            "ipv6 route to fd00:20::1/48 has host bits set: a destination is a subnet, with the"
                + " bits past its prefix length zero",
            "only one interface can have the IPv6 default gateway, 2 have one");
    assertThat(AddressSteps.isSubnet("fd00:20::/48")).isTrue();
    assertThat(AddressSteps.isSubnet("fd00:20:8000::/33")).isTrue();
    assertThat(AddressSteps.isSubnet("fd00:20:4000::/33")).isFalse();
    assertThat(AddressSteps.isSubnet("fd00:20:8000::/32")).isFalse();
    assertThat(AddressSteps.isSubnet("fd00:20:8000::/34")).isTrue();
  }

  @Test
  void deleteOfStaticIpv6WithIpv4InheritGivesIpv4BackFromTheTopAndThePortItsOwnIpv6() {
    HostState before = dualStack();
    BondBridgeNodeSpec spec = spec(NodeIpv4.inherit(), static6(null));
    Plan plan = Planner.plan(spec, before, OWNER);
    Origins origins = Origins.none().plus(plan.steps(), Set.of("eth0", "eth1"));

    HostState applied =
        TestHosts.host()
            .nic("eth0", "52:54:00:bb:00:00")
            .nic("eth1", "52:54:00:bb:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .bridge("br0", 1500, BridgeSteps.options(Bridge.named("br0")))
            .enslave("bond0", "br0")
            .address("br0", "10.0.0.2/24")
            .address("br0", STATIC6)
            .route(Route.of("default", "10.0.0.1", "br0").withProtocol("boot"))
            .route(Route.of("default", "fe80::1", "br0").withProtocol("static"))
            .build();
    List<String> teardown = commands(Teardown.plan(spec, applied, OWNER, origins));

    assertThat(teardown)
        .contains(
            "ip route del default via fe80::1 dev br0 proto static",
            "ip addr add 10.0.0.2/24 dev eth0",
            "ip addr del 2001:db8:1::10/64 dev br0",
            "ip addr add 2001:db8:1::2/64 dev eth0 nodad",
            "ip route add 2001:db8:99::/64 via 2001:db8:1::fe dev eth0 metric 1024 proto boot",
            "ip route add default via 10.0.0.1 dev eth0 proto boot")
        .noneMatch(c -> c.contains("2001:db8:1::10/64 dev eth"))
        .noneMatch(c -> c.contains("add default via fe80::1"));
  }
}

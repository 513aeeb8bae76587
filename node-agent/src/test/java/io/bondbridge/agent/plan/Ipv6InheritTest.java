package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static io.bondbridge.agent.plan.TestHosts.bond;
import static io.bondbridge.agent.plan.TestHosts.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.observe.HostStateAssembler;
import io.bondbridge.agent.observe.KernelFixtures;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * inherit on a dual-stack node, planned on the host captured from kernel 6.1 (fixture dual-stack:
 * eth0 with 10.0.0.2/24, a SLAAC address from dnsmasq's router advertisements, a ULA set with
 * lifetimes and noprefixroute as NetworkManager does, a permanent 2001:db8:1::2/64 and a static
 * route; eth1 with only its own stable-privacy SLAAC address).
 */
class Ipv6InheritTest {
  private static final Route RA_DEFAULT =
      Route.of("default", "fe80::5054:ff:feaa:0", "eth0").withMetric(1024).withProtocol("ra");

  private static final BondBridgeNodeSpec SPEC =
      spec(
          bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
          Bridge.named("br0"),
          NodeIpv4.inherit());

  /** The captured host, plus the router's default route (a capture of it is in IpJsonTest). */
  private static HostState dualStack() {
    HostState captured = HostStateAssembler.assemble(KernelFixtures.readings("dual-stack"));
    List<Route> routes = new ArrayList<>(captured.routes());
    routes.add(RA_DEFAULT);
    return new HostState(captured.links(), captured.bonds(), captured.addresses(), routes);
  }

  private static List<String> commands(Plan plan) {
    return plan.steps().stream().map(Step::describe).toList();
  }

  @Test
  void ipv6AddressesAndRoutesMoveInTheSameWindowAsIpv4AndSlaacKeepsItsAddress() {
    Plan plan = Planner.plan(SPEC, dualStack(), OWNER);

    assertThat(plan.isRefused()).as(String.join("; ", plan.refusals())).isFalse();
    List<String> commands = commands(plan);
    assertThat(commands)
        .containsSubsequence(
            "ip route del default via 10.0.0.1 dev eth0 proto boot",
            "ip route del 2001:db8:99::/64 via 2001:db8:1::fe dev eth0 metric 1024 proto boot",
            // taken off before eth0 goes down: the kernel would drop them silently, undo could not
            // put them back
            "ip addr del 2001:db8:1:0:5054:ff:febb:0/64 dev eth0",
            "ip addr del fd00:1::2/64 dev eth0",
            "ip addr del 2001:db8:1::2/64 dev eth0",
            "ip link set dev eth0 down",
            "ip link set dev eth0 master bond0",
            // before br0 has a carrier: its SLAAC makes eth0's address, not one of its own
            "ip token set ::5054:ff:febb:0/64 dev br0",
            "ip link set dev bond0 up",
            "ip link set dev bond0 master br0",
            "ip addr add 10.0.0.2/24 dev br0",
            "ip addr replace 2001:db8:1:0:5054:ff:febb:0/64 dev br0 valid_lft 3597 preferred_lft"
                + " 3597 mngtmpaddr nodad",
            "ip addr replace fd00:1::2/64 dev br0 valid_lft 3592 preferred_lft 1792 noprefixroute nodad",
            "ip addr add 2001:db8:1::2/64 dev br0 nodad",
            "ip addr del 10.0.0.2/24 dev eth0",
            "ip route add default via 10.0.0.1 dev br0 proto boot",
            "ip route add 2001:db8:99::/64 via 2001:db8:1::fe dev br0 metric 1024 proto boot",
            "ip link set dev eth1 down",
            "ip link set dev eth1 master bond0");
    // the router's route is the router's: br0 solicits its own when it comes up
    assertThat(commands).noneMatch(c -> c.contains("fe80::5054:ff:feaa:0"));
    // eth1's own SLAAC address is not the node's: the kernel drops it with eth1's IPv6
    assertThat(commands).noneMatch(c -> c.contains("fd08"));
  }

  @Test
  void addressesFromRouterAdvertisementsAreNoLeasesSoNoDhcpClientIsStarted() {
    // they have lifetimes, as a DHCP lease has; only an IPv4 one is a lease
    Plan plan = Planner.plan(SPEC, dualStack(), OWNER);

    assertThat(plan.steps()).noneMatch(s -> s.program().equals("dhclient"));
    assertThat(plan.steps()).noneMatch(s -> s.program().equals("kill"));
  }

  @Test
  void undoPutsEveryIpv6AddressBackWithItsLifetimesAndFlags() {
    Plan plan = Planner.plan(SPEC, dualStack(), OWNER);

    List<String> undo =
        plan.steps().stream()
            .filter(s -> s instanceof AddressStep.DelAddress d && d.device().equals("eth0"))
            .flatMap(s -> s.undo().stream())
            .map(Step::describe)
            .toList();
    assertThat(undo)
        .contains(
            "ip addr replace 2001:db8:1:0:5054:ff:febb:0/64 dev eth0 valid_lft 3597 preferred_lft"
                + " 3597 mngtmpaddr nodad",
            "ip addr replace fd00:1::2/64 dev eth0 valid_lft 3592 preferred_lft 1792 noprefixroute nodad",
            "ip addr add 2001:db8:1::2/64 dev eth0 nodad");
  }

  @Test
  void theMovedIpv6AddressesAreRecordedAsEth0sAndGoBackThereOnDelete() {
    HostState before = dualStack();
    Plan plan = Planner.plan(SPEC, before, OWNER);
    Origins origins = Origins.none().plus(plan.steps(), Set.of("eth0", "eth1"));
    assertThat(origins.addresses())
        .containsEntry("2001:db8:1:0:5054:ff:febb:0/64", "eth0")
        .containsEntry("fd00:1::2/64", "eth0")
        .containsEntry("2001:db8:1::2/64", "eth0");

    // the host as the plan leaves it, with the route br0 learned from the router itself
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
            .route(Route.of("default", "10.0.0.1", "br0").withProtocol("boot"))
            .route(
                Route.of("2001:db8:99::/64", "2001:db8:1::fe", "br0")
                    .withMetric(1024)
                    .withProtocol("boot"))
            .route(RA_DEFAULT.onDevice("br0"))
            .build();
    List<Address> addresses = new ArrayList<>(applied.addresses());
    before.addressesOn("eth0").stream()
        .filter(Address::isIpv6)
        .forEach(a -> addresses.add(a.onDevice("br0")));
    applied = new HostState(applied.links(), applied.bonds(), addresses, applied.routes());

    List<String> teardown = commands(Teardown.plan(SPEC, applied, OWNER, origins));

    assertThat(teardown)
        .contains(
            "ip addr add 2001:db8:1::2/64 dev eth0 nodad",
            "ip addr replace fd00:1::2/64 dev eth0 valid_lft 3592 preferred_lft 1792 noprefixroute nodad",
            "ip route add 2001:db8:99::/64 via 2001:db8:1::fe dev eth0 metric 1024 proto boot")
        .anyMatch(c -> c.startsWith("ip addr replace 2001:db8:1:0:5054:ff:febb:0/64 dev eth0 "))
        .noneMatch(c -> c.contains("fe80::5054:ff:feaa:0"));
    assertThat(teardown.indexOf("ip link set dev eth0 nomaster"))
        .isLessThan(teardown.indexOf("ip addr add 2001:db8:1::2/64 dev eth0 nodad"));
  }

  @Test
  void theTokenIsTheLastSixtyFourBits() {
    assertThat(AddressSteps.interfaceId("2001:db8:1:0:6b59:4fed:96ce:fd08"))
        .isEqualTo("6b59:4fed:96ce:fd08");
    assertThat(AddressSteps.interfaceId("2001:db8::1")).isEqualTo("0:0:0:1");
    assertThat(AddressSteps.interfaceId("2001:db8:1::5054:ff:febb:0")).isEqualTo("5054:ff:febb:0");
    assertThat(AddressSteps.interfaceId("2001:DB8:1:0:5054:00FF:FEBB:0000"))
        .isEqualTo("5054:ff:febb:0");
    assertThat(
            AddressSteps.slaacToken(
                List.of(
                    new Address("eth0", "2001:db8:1::2/64", false),
                    new Address(
                        "eth0",
                        "2001:db8:1:0:6b59:4fed:96ce:fd08/64",
                        true,
                        600L,
                        600L,
                        List.of("mngtmpaddr", "stable-privacy")))))
        .contains("::6b59:4fed:96ce:fd08/64");
    assertThat(AddressSteps.slaacToken(List.of(new Address("eth0", "2001:db8:1::2/64", false))))
        .isEmpty();
  }
}

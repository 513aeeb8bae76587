package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Probes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Hand-built hosts and specs for the planner's unit tests (values only, no kernel). */
final class TestHosts {
  static final Ownership OWNER = new Ownership("vm-uplink");

  private final List<Link> links = new ArrayList<>();
  private final List<BondState> bonds = new ArrayList<>();
  private final List<Address> addresses = new ArrayList<>();
  private final List<Route> routes = new ArrayList<>();

  static TestHosts host() {
    return new TestHosts();
  }

  /** NICs eth0..ethN-1, up; eth0 carries 10.0.0.2/24 and the default route via 10.0.0.1. */
  static TestHosts nodeWithNics(int count) {
    TestHosts host = new TestHosts();
    for (int i = 0; i < count; i++) {
      host.nic("eth" + i, "52:54:00:00:00:0" + i);
    }
    return host.address("eth0", "10.0.0.2/24")
        .route(
            Route.of("10.0.0.0/24", null, "eth0")
                .withProtocol("kernel")
                .withScope("link")
                .withSource("10.0.0.2"))
        .route(Route.of("default", "10.0.0.1", "eth0").withProtocol("boot"));
  }

  TestHosts nic(String name, String mac) {
    links.add(
        Link.named(name)
            .index(links.size() + 2)
            .mac(mac)
            .permanentMac(mac)
            .up(true)
            .driver("e1000e")
            .build());
    return this;
  }

  /** The bond's state as the kernel reports it (its ports in the kernel's order). */
  TestHosts bondState(BondState bond) {
    bonds.add(bond);
    return this;
  }

  TestHosts link(Link link) {
    links.add(link);
    return this;
  }

  TestHosts bond(String name, String alias, boolean up, Map<String, String> options) {
    links.add(virtual(name, "bond", up, 1500, alias, null, null, Map.of()));
    bonds.add(new BondState(name, options.get("mode"), options, null, "up", List.of()));
    return this;
  }

  /** A VLAN of ours on {@code parent}, up. */
  TestHosts vlan(String name, String parent, int id, int mtu) {
    links.add(
        virtual(
            name,
            "vlan",
            true,
            mtu,
            OWNER.mark(),
            parent,
            id,
            Map.of("protocol", "802.1Q", "id", String.valueOf(id))));
    return this;
  }

  /** A bridge of ours, up, with {@code options} as {@code ip -d} reports them. */
  TestHosts bridge(String name, int mtu, Map<String, String> options) {
    links.add(virtual(name, "bridge", true, mtu, OWNER.mark(), null, null, options));
    return this;
  }

  /** A bond, VLAN or bridge: no driver, no permanent MAC, carrier as its admin state. */
  private Link virtual(
      String name,
      String kind,
      boolean up,
      int mtu,
      String alias,
      String parent,
      Integer vlanId,
      Map<String, String> kindData) {
    return Link.named(name)
        .index(links.size() + 2)
        .kind(kind)
        .mac("52:54:00:00:00:00")
        .up(up)
        .mtu(mtu)
        .alias(alias)
        .vlan(parent, vlanId)
        .kindData(kindData)
        .build();
  }

  /**
   * bond0 (eth0, eth1) with VLAN bond0.10 (MTU 1400) in bridge br10 (STP on, forward delay 4 s, so
   * its MTU follows its port's); 192.168.10.1/24 on br10. All ours.
   */
  static TestHosts bondWithBridgedVlan() {
    return host()
        .nic("eth0", "52:54:00:00:00:00")
        .nic("eth1", "52:54:00:00:00:01")
        .bond("bond0", OWNER.mark(), true, activeBackupOptions())
        .enslave("eth0", "bond0")
        .enslave("eth1", "bond0")
        .vlan("bond0.10", "bond0", 10, 1400)
        .bridge(
            "br10", 1400, Map.of("stp_state", "1", "forward_delay", "400", "vlan_filtering", "0"))
        .enslave("bond0.10", "br10")
        .address("br10", "192.168.10.1/24");
  }

  /** The undo of the plan's step that deletes {@code device}: how it is brought back. */
  static List<String> recreateOf(Plan plan, String device) {
    return plan.steps().stream()
        .filter(s -> s instanceof LinkStep.DeleteLink d && d.name().equals(device))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step deletes " + device + ": " + plan.steps()))
        .undo()
        .stream()
        .map(Step::describe)
        .toList();
  }

  TestHosts enslave(String port, String master) {
    links.replaceAll(l -> l.name().equals(port) ? l.withMaster(master) : l);
    return this;
  }

  TestHosts address(String device, String cidr) {
    addresses.add(new Address(device, cidr, false));
    return this;
  }

  TestHosts lease(String device, String cidr) {
    addresses.add(new Address(device, cidr, true));
    return this;
  }

  TestHosts route(Route route) {
    routes.add(route);
    return this;
  }

  HostState build() {
    return HostState.of(links, bonds, addresses, routes);
  }

  static Map<String, String> activeBackupOptions() {
    return Map.of("mode", "active-backup", "miimon", "100", "updelay", "0", "downdelay", "0");
  }

  static Bond bond(String name, BondMode mode, String... ports) {
    return new Bond(
        name,
        mode,
        Arrays.stream(ports).map(PortSelector::byName).toList(),
        null,
        BondOptions.none(),
        null);
  }

  static BondBridgeNodeSpec spec(Bond bond, Bridge bridge, NodeIpv4 ipv4, NodeVlan... vlans) {
    return new BondBridgeNodeSpec(
        "node-a",
        "vm-uplink",
        1L,
        bond,
        vlans.length == 0 ? null : List.of(vlans),
        bridge,
        ipv4,
        null,
        Probes.defaults(),
        CleanupPolicy.Restore,
        null);
  }

  private TestHosts() {}
}

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
        .route(new Route("10.0.0.0/24", null, "eth0", null, "kernel", "link", "10.0.0.2"))
        .route(new Route("default", "10.0.0.1", "eth0", null, "boot", null, null));
  }

  TestHosts nic(String name, String mac) {
    links.add(
        new Link(
            links.size() + 2,
            name,
            null,
            null,
            mac,
            mac,
            true,
            "UP",
            true,
            1500,
            null,
            null,
            null,
            "e1000e",
            Map.of()));
    return this;
  }

  TestHosts link(Link link) {
    links.add(link);
    return this;
  }

  TestHosts bond(String name, String alias, boolean up, Map<String, String> options) {
    links.add(
        new Link(
            links.size() + 2,
            name,
            "bond",
            null,
            "52:54:00:00:00:00",
            null,
            up,
            up ? "UP" : "DOWN",
            up,
            1500,
            alias,
            null,
            null,
            null,
            Map.of()));
    bonds.add(new BondState(name, options.get("mode"), options, null, "up", List.of()));
    return this;
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
        Probes.defaults(),
        CleanupPolicy.Restore);
  }

  private TestHosts() {}
}

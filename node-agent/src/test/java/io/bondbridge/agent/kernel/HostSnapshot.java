package io.bondbridge.agent.kernel;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import java.util.List;
import java.util.TreeSet;

/**
 * The parts of a host that a change could alter, without what moves by itself (counters, timers,
 * carrier settling, IPv6 link-local addresses), with the bridge VLAN table: two snapshots are equal
 * when nothing was changed.
 */
record HostSnapshot(
    TreeSet<String> links,
    TreeSet<String> addresses,
    TreeSet<String> routes,
    TreeSet<String> bridgeVlans) {

  static HostSnapshot of(HostState host) {
    TreeSet<String> links = new TreeSet<>();
    for (Link l : host.links().values()) {
      links.add(
          String.join(
              " ",
              l.name(),
              "kind=" + l.kind(),
              "master=" + l.master(),
              "up=" + l.adminUp(),
              "mtu=" + l.mtu(),
              "alias=" + l.alias(),
              "mac=" + l.mac(),
              "vlan=" + l.vlanId()));
    }
    host.bonds()
        .values()
        .forEach(
            b -> links.add(b.name() + " bond options=" + new java.util.TreeMap<>(b.options())));
    TreeSet<String> addresses = new TreeSet<>();
    for (Address a : host.addresses()) {
      addresses.add(a.device() + " " + a.cidr());
    }
    TreeSet<String> routes = new TreeSet<>();
    for (Route r : host.routes()) {
      routes.add(
          String.join(" ", List.of(r.destination(), "via=" + r.gateway(), "dev=" + r.device())));
    }
    // the VLAN table of VLAN-filtering bridges: a rollback must give it back entry for entry
    TreeSet<String> bridgeVlans = new TreeSet<>();
    host.bridgeVlans()
        .forEach((port, vlans) -> vlans.forEach(v -> bridgeVlans.add(port + " " + v)));
    return new HostSnapshot(links, addresses, routes, bridgeVlans);
  }
}

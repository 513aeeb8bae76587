package io.bondbridge.agent.host;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the agent needs to know about the host's networking, read at one moment. */
public record HostState(
    Map<String, Link> links,
    Map<String, BondState> bonds,
    List<Address> addresses,
    List<Route> routes,
    Map<String, List<BridgeVlan>> bridgeVlans,
    DhcpView dhcp,
    Resolved resolved,
    Map<String, LinkManager> managers) {

  public HostState {
    dhcp = dhcp == null ? DhcpView.none() : dhcp;
    links = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
    bonds = Map.copyOf(bonds);
    addresses = List.copyOf(addresses);
    routes = List.copyOf(routes);
    bridgeVlans = bridgeVlans == null ? Map.of() : Map.copyOf(bridgeVlans);
    resolved = resolved == null ? Resolved.NOT_READ : resolved;
    managers = managers == null ? Map.of() : Map.copyOf(managers);
  }

  /**
   * A host without VLAN-filtering bridges (no VLAN table read), no DHCP client seen, resolved not
   * looked at.
   */
  public HostState(
      Map<String, Link> links,
      Map<String, BondState> bonds,
      List<Address> addresses,
      List<Route> routes) {
    this(links, bonds, addresses, routes, Map.of(), DhcpView.none(), null, Map.of());
  }

  /** This host with the VLAN tables of its VLAN-filtering bridges: port (or bridge) to VLANs. */
  public HostState withBridgeVlans(Map<String, List<BridgeVlan>> tables) {
    return new HostState(links, bonds, addresses, routes, tables, dhcp, resolved, managers);
  }

  /** This host with these links (by name) in place of its own. */
  public HostState withLinks(Map<String, Link> byName) {
    return new HostState(byName, bonds, addresses, routes, bridgeVlans, dhcp, resolved, managers);
  }

  /** This host with the DHCP clients seen on it. */
  public HostState withDhcp(DhcpView view) {
    return new HostState(links, bonds, addresses, routes, bridgeVlans, view, resolved, managers);
  }

  /** This host with systemd-resolved as read. */
  public HostState withResolved(Resolved read) {
    return new HostState(links, bonds, addresses, routes, bridgeVlans, dhcp, read, managers);
  }

  /** This host with its bonds' state as {@code current} says (a quick look between reads). */
  public HostState withBonds(Map<String, BondState> current) {
    return new HostState(links, current, addresses, routes, bridgeVlans, dhcp, resolved, managers);
  }

  /** This host with the network managers found for its links, by link name. */
  public HostState withManagers(Map<String, LinkManager> byLink) {
    return new HostState(links, bonds, addresses, routes, bridgeVlans, dhcp, resolved, byLink);
  }

  /** The network manager that has the link in hand, if one does. */
  public Optional<LinkManager> managerOf(String link) {
    return managerFound(link).filter(LinkManager::inHand);
  }

  /** The network manager found for the link, in hand or leaving it alone, if any was. */
  public Optional<LinkManager> managerFound(String link) {
    return Optional.ofNullable(managers.get(link));
  }

  public static HostState of(
      Collection<Link> links,
      Collection<BondState> bonds,
      List<Address> addresses,
      List<Route> routes) {
    Map<String, Link> byName = new LinkedHashMap<>();
    links.forEach(l -> byName.put(l.name(), l));
    Map<String, BondState> bondsByName = new LinkedHashMap<>();
    bonds.forEach(b -> bondsByName.put(b.name(), b));
    return new HostState(byName, bondsByName, addresses, routes);
  }

  public Optional<Link> link(String name) {
    return Optional.ofNullable(links.get(name));
  }

  public Optional<BondState> bond(String name) {
    return Optional.ofNullable(bonds.get(name));
  }

  /** Interfaces whose master is {@code master}, in index order. */
  public List<Link> portsOf(String master) {
    return links.values().stream().filter(l -> master.equals(l.master())).toList();
  }

  /** VLAN interfaces whose lower device is {@code parent}. */
  public List<Link> vlansOn(String parent) {
    return links.values().stream().filter(l -> l.isVlan() && parent.equals(l.parent())).toList();
  }

  public List<Address> addressesOn(String device) {
    return addresses.stream().filter(a -> a.device().equals(device)).toList();
  }

  public List<Route> routesVia(String device) {
    return routes.stream().filter(r -> device.equals(r.device())).toList();
  }
}

package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Desired spec + observed host → the ordered steps that make the host match, or the reasons it must
 * not be touched. Pure: reads values, returns values.
 *
 * <p>The order keeps the kernel's rules and the node's connectivity: bond and bridge are made first
 * and empty; the port carrying the node's address is enslaved first, so the bond (and the bridge on
 * it) take that port's MAC and neighbours' ARP caches stay right; right after it the addresses and
 * routes move to the top interface; then the other ports, then the VLANs (a VLAN on an empty bond
 * would get a MAC that changes when the first port joins).
 */
public final class Planner {
  static final int IFNAMSIZ = 15;

  private final BondBridgeNodeSpec spec;
  private final HostState host;
  private final Ownership owner;
  private final Simulation sim;
  private final List<String> refusals = new ArrayList<>();

  /** Routes via the bond that the kernel drops when the plan takes the bond down. */
  private final List<Route> routesDownedWithBond = new ArrayList<>();

  /** Where inherited addresses came from, as recorded when they were moved (see bringUpTop). */
  private final Origins recorded;

  private Planner(BondBridgeNodeSpec spec, HostState host, Ownership owner, Origins recorded) {
    this.spec = spec;
    this.host = host;
    this.owner = owner;
    this.recorded = recorded;
    this.sim = new Simulation(host);
  }

  public static Plan plan(BondBridgeNodeSpec spec, HostState host, Ownership owner) {
    return plan(spec, host, owner, Origins.none());
  }

  /**
   * @param recorded the addresses and routes an earlier apply moved to the top interface: in
   *     inherit mode they are put back there if they are nowhere on the host any more (the kernel
   *     deletes them with a bridge deleted by hand)
   */
  public static Plan plan(
      BondBridgeNodeSpec spec, HostState host, Ownership owner, Origins recorded) {
    return new Planner(spec, host, owner, recorded).plan();
  }

  private Plan plan() {
    Bond bond = spec.bond();
    String bondName = bond.name();
    NodeIpv4 ipv4 = spec.ipv4OrDefault();

    checkNames();
    boolean replacePristineBond = checkOwnership();
    PortResolver.Ports ports = PortResolver.resolve(bond.ports(), bondName, host);
    refusals.addAll(ports.refusals());
    List<String> carriers = carriers(ports.names());
    checkAddressSafety(carriers, ipv4);
    refusals.addAll(DhcpSteps.refusals(host, carriers));
    if (!refusals.isEmpty()) {
      return Plan.refused(refusals);
    }
    DhcpSteps.pauseHostClients(sim, host, carriers);

    if (replacePristineBond) {
      // A bond0 made by loading the bonding module without max_bonds=0: empty, down, no
      // address, no alias. Recreating it is the only way to set its mode.
      sim.emit(new Step.DeleteLink(bondName, List.of(new Step.CreateBond(bondName, Map.of()))));
    }
    ensureBond(bond);
    if (spec.bridge() != null) {
      ensureBridge(spec.bridge());
    }

    List<String> sources = addressSources(carriers);
    List<Route> movedRoutes = new ArrayList<>();
    for (String source : sources) {
      for (Route route : host.routesVia(source)) {
        if (!route.isKernelMade()) {
          // Explicit, so that undo puts it back: the kernel drops it silently when the port goes
          // down.
          if (!routesDownedWithBond.contains(route)) {
            sim.emit(new Step.DelRoute(route));
          }
          movedRoutes.add(route);
        }
      }
    }

    List<String> ordered = new ArrayList<>(carriers);
    ports.names().stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
    boolean topReady = false;
    for (String port : ordered) {
      if (!bondName.equals(sim.master(port))) {
        if (sim.isUp(port)) {
          sim.emit(new Step.SetLinkState(port, false)); // kernel 6.1: no enslaving while up
        }
        sim.emit(new Step.SetMaster(port, bondName, sim.master(port)));
      }
      if (!topReady) {
        topReady = true;
        bringUpTop(sources, movedRoutes, ipv4);
      }
    }
    if (!topReady) {
      bringUpTop(sources, movedRoutes, ipv4);
    }
    for (Link extra : host.portsOf(bondName)) {
      if (!ports.names().contains(extra.name())) {
        sim.emit(new Step.SetMaster(extra.name(), null, bondName));
        sim.emit(new Step.SetLinkState(extra.name(), true));
      }
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      ensureVlan(vlan);
    }
    removeStaleVlans();
    DhcpSteps.keepLeases(sim, spec, host, carriers);
    return Plan.of(sim.steps());
  }

  // ---- refusals ----

  private void checkNames() {
    for (String name : desiredNames()) {
      if (name.length() > IFNAMSIZ) {
        refusals.add(name + " is longer than " + IFNAMSIZ + " characters (the kernel's IFNAMSIZ)");
      }
    }
  }

  private Set<String> desiredNames() {
    Set<String> names = new LinkedHashSet<>();
    names.add(spec.bond().name());
    if (spec.bridge() != null) {
      names.add(spec.bridge().name());
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      names.add(vlan.name());
      if (vlan.bridge() != null) {
        names.add(vlan.bridge().name());
      }
    }
    return names;
  }

  /** Refuses names taken by devices that are not ours; true if the bond is a pristine one. */
  private boolean checkOwnership() {
    boolean pristine = false;
    for (String name : desiredNames()) {
      Link existing = host.links().get(name);
      if (existing == null || owner.owns(existing)) {
        continue;
      }
      if (name.equals(spec.bond().name()) && isPristineBond(existing)) {
        pristine = true;
        continue;
      }
      String otherOwner = Ownership.ownerOf(existing);
      refusals.add(
          otherOwner != null
              ? name + " belongs to BondBridge " + otherOwner
              : name
                  + " already exists and was not created by BondBridge (no '"
                  + owner.mark()
                  + "' alias); BondBridge never takes over a device it did not create");
    }
    return pristine;
  }

  private boolean isPristineBond(Link link) {
    return link.isBond()
        && link.alias() == null
        && !link.adminUp()
        && link.master() == null
        && host.portsOf(link.name()).isEmpty()
        && host.vlansOn(link.name()).isEmpty()
        && host.addressesOn(link.name()).isEmpty();
  }

  /** Ports that carry IPv4 addresses or routes of their own (typically the node IP). */
  private List<String> carriers(List<String> ports) {
    return ports.stream()
        .filter(
            p ->
                !host.addressesOn(p).isEmpty()
                    || host.routesVia(p).stream().anyMatch(r -> !r.isKernelMade()))
        .toList();
  }

  private void checkAddressSafety(List<String> carriers, NodeIpv4 ipv4) {
    List<Route> defaults =
        carriers.stream()
            .flatMap(p -> host.routesVia(p).stream())
            .filter(Route::isDefault)
            .toList();
    boolean replacesDefault =
        DhcpSteps.movesPortAddresses(ipv4)
            || (ipv4.mode() == Ipv4Mode.STATIC && ipv4.gateway() != null)
            || spec.vlansOrEmpty().stream()
                .anyMatch(
                    v ->
                        v.ipv4() != null
                            && v.ipv4().mode() == Ipv4Mode.STATIC
                            && v.ipv4().gateway() != null);
    for (Route route : defaults) {
      if (!replacesDefault) {
        refusals.add(
            route.device()
                + " carries the default route (via "
                + route.gateway()
                + ") and ipv4.mode "
                + ipv4.mode()
                + " would leave the node without it; use ipv4.mode inherit, or static with a"
                + " gateway");
      }
    }
    if (ipv4.mode() == Ipv4Mode.STATIC && ipv4.gateway() != null) {
      for (Route route : host.routes()) {
        if (route.isDefault()
            && !carriers.contains(route.device())
            && !route.device().equals(spec.topInterface())
            && !desiredNames().contains(route.device())) {
          refusals.add(
              "a default route via "
                  + route.gateway()
                  + " dev "
                  + route.device()
                  + " exists; BondBridge does not replace routes it does not own: remove"
                  + " ipv4.gateway or that route");
        }
      }
    }
    long gateways =
        (ipv4.gateway() != null ? 1 : 0)
            + spec.vlansOrEmpty().stream()
                .filter(v -> v.ipv4() != null && v.ipv4().gateway() != null)
                .count();
    if (gateways > 1) {
      refusals.add("only one interface can have the default gateway, " + gateways + " have one");
    }
  }

  // ---- bond, bridge, VLANs ----

  private void ensureBond(Bond bond) {
    String name = bond.name();
    Map<KernelBondOption, String> wanted = KernelBondOption.desired(bond);
    if (!sim.exists(name)) {
      sim.emit(new Step.CreateBond(name, ipOptions(wanted)));
      sim.emit(new Step.SetAlias(name, owner.mark(), null));
    } else {
      Map<String, String> observed = host.bond(name).map(BondState::options).orElse(Map.of());
      Map<KernelBondOption, String> changed = new LinkedHashMap<>();
      Map<KernelBondOption, String> previous = new LinkedHashMap<>();
      wanted.forEach(
          (option, value) -> {
            String current = observed.getOrDefault(option.sysfsName(), "");
            if (!sameValue(option, value, current)) {
              changed.put(option, value);
              if (!current.isEmpty()) {
                previous.put(option, current);
              }
            }
          });
      if (!changed.isEmpty()) {
        boolean empty =
            changed.keySet().stream()
                .anyMatch(
                    o ->
                        o.change() == KernelBondOption.Change.EMPTY
                            || o.change() == KernelBondOption.Change.DOWN_AND_EMPTY);
        boolean down =
            changed.keySet().stream().anyMatch(o -> o.change() != KernelBondOption.Change.LIVE);
        if (down && sim.isUp(name)) {
          // Taking the bond down makes the kernel drop the routes via it (the default route when
          // the bond is the top interface): deleted explicitly, so undo puts them back, and added
          // again once the bond is up (bringUpTop).
          for (Route route : host.routesVia(name)) {
            if (!route.isKernelMade()) {
              sim.emit(new Step.DelRoute(route));
              routesDownedWithBond.add(route);
            }
          }
          sim.emit(new Step.SetLinkState(name, false));
        }
        if (empty) {
          for (Link port : host.portsOf(name)) {
            sim.emit(new Step.SetMaster(port.name(), null, name));
          }
        }
        sim.emit(new Step.SetBondOptions(name, ipOptions(changed), ipOptions(previous)));
      }
    }
    if (bond.mtu() != null) {
      ensureMtu(name, bond.mtu());
    }
  }

  private static boolean sameValue(KernelBondOption option, String wanted, String current) {
    if (option == KernelBondOption.ARP_IP_TARGET || option == KernelBondOption.NS_IP6_TARGET) {
      return Set.of(wanted.split(" ")).equals(Set.of(current.trim().split("\\s+")));
    }
    return wanted.equalsIgnoreCase(current.trim());
  }

  private static Map<String, String> ipOptions(Map<KernelBondOption, String> options) {
    Map<String, String> ip = new LinkedHashMap<>();
    options.forEach((option, value) -> ip.put(option.ipName(), option.ipValue(value)));
    return ip;
  }

  private void ensureBridge(Bridge bridge) {
    String name = bridge.name();
    Map<String, String> wanted = bridgeOptions(bridge);
    if (!sim.exists(name)) {
      sim.emit(new Step.CreateBridge(name, wanted));
      sim.emit(new Step.SetAlias(name, owner.mark(), null));
    } else {
      Map<String, String> observed = host.links().get(name).kindData();
      Map<String, String> changed = new LinkedHashMap<>();
      Map<String, String> previous = new LinkedHashMap<>();
      wanted.forEach(
          (key, value) -> {
            String current = observed.get(key);
            if (!value.equals(current)) {
              changed.put(key, value);
              if (current != null) {
                previous.put(key, current);
              }
            }
          });
      if (!changed.isEmpty()) {
        sim.emit(new Step.SetBridgeOptions(name, changed, previous));
      }
    }
    if (bridge.mtu() != null) {
      ensureMtu(name, bridge.mtu());
    }
    if (!sim.isUp(name)) {
      sim.emit(new Step.SetLinkState(name, true));
    }
  }

  static Map<String, String> bridgeOptions(Bridge bridge) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("stp_state", Boolean.TRUE.equals(bridge.stp()) ? "1" : "0");
    // ip and the kernel count forward_delay in hundredths of a second.
    int seconds = bridge.forwardDelay() == null ? 15 : bridge.forwardDelay();
    options.put("forward_delay", String.valueOf(seconds * 100));
    options.put("vlan_filtering", Boolean.TRUE.equals(bridge.vlanFiltering()) ? "1" : "0");
    return options;
  }

  private void ensureMtu(String device, int mtu) {
    Link link = host.links().get(device);
    int current = link == null ? 1500 : link.mtu();
    if (current != mtu) {
      sim.emit(new Step.SetMtu(device, mtu, current));
    }
  }

  /** After the first port is in: bond up, bond into the bridge, addresses and routes on top. */
  private void bringUpTop(List<String> sources, List<Route> movedRoutes, NodeIpv4 ipv4) {
    String bondName = spec.bond().name();
    if (!sim.isUp(bondName)) {
      sim.emit(new Step.SetLinkState(bondName, true));
    }
    String top = spec.topInterface();
    if (spec.bridge() != null && !top.equals(sim.master(bondName))) {
      sim.emit(new Step.SetMaster(bondName, top, sim.master(bondName)));
    }
    Set<String> wanted = new LinkedHashSet<>();
    List<Route> lostRoutes = new ArrayList<>();
    boolean moves = DhcpSteps.movesPortAddresses(ipv4);
    if (moves) {
      sources.forEach(s -> host.addressesOn(s).forEach(a -> wanted.add(a.cidr())));
      if (wanted.isEmpty() && host.addressesOn(top).isEmpty() && !recorded.isEmpty()) {
        // the node's address is gone with its device (a bridge deleted by hand takes its
        // addresses and routes along): the record of what was inherited is all that is left
        wanted.addAll(recorded.addresses().keySet());
        recorded.routes().forEach(r -> lostRoutes.add(r.onDevice(top)));
      }
    } else if (ipv4.mode() == Ipv4Mode.STATIC && ipv4.address() != null) {
      wanted.add(ipv4.address());
    }
    // with dhcp the lease on top is the client's: never removed for not being wanted
    ensureAddresses(top, wanted, !moves);
    for (String source : sources) {
      for (Address address : host.addressesOn(source)) {
        sim.emit(new Step.DelAddress(source, address.cidr()));
      }
    }
    List<Route> routes = new ArrayList<>();
    if (moves) {
      movedRoutes.forEach(r -> routes.add(r.onDevice(top)));
      routes.addAll(lostRoutes);
    }
    routes.addAll(staticRoutes(ipv4, top));
    ensureRoutes(top, routes);
    for (Route route : routesDownedWithBond) {
      if (!movedRoutes.contains(route)) {
        sim.emit(new Step.AddRoute(route));
      }
    }
  }

  /** Interfaces whose addresses and routes belong on the top interface now. */
  private List<String> addressSources(List<String> carriers) {
    List<String> sources = new ArrayList<>(carriers);
    String bondName = spec.bond().name();
    if (spec.bridge() != null
        && sim.exists(bondName)
        && (!host.addressesOn(bondName).isEmpty()
            || host.routesVia(bondName).stream().anyMatch(r -> !r.isKernelMade()))) {
      sources.add(bondName); // a bridge was added on top of a bond that carried the address
    }
    return sources;
  }

  private static List<Route> staticRoutes(NodeIpv4 ipv4, String device) {
    List<Route> routes = new ArrayList<>();
    if (ipv4.mode() != Ipv4Mode.STATIC) {
      return routes;
    }
    if (ipv4.gateway() != null) {
      routes.add(new Route("default", ipv4.gateway(), device, null, "static", null, null));
    }
    if (ipv4.routes() != null) {
      for (Ipv4.Route r : ipv4.routes()) {
        routes.add(new Route(r.to(), r.via(), device, r.metric(), "static", null, null));
      }
    }
    return routes;
  }

  /** Adds missing addresses; on an interface of ours in static or none mode, removes others. */
  private void ensureAddresses(String device, Set<String> wanted, boolean exact) {
    Set<String> present = new HashSet<>();
    for (Address address : host.addressesOn(device)) {
      present.add(address.cidr());
      if (exact && !wanted.contains(address.cidr())) {
        sim.emit(new Step.DelAddress(device, address.cidr()));
      }
    }
    for (String cidr : wanted) {
      if (!present.contains(cidr)) {
        sim.emit(new Step.AddAddress(device, cidr));
      }
    }
  }

  private void ensureRoutes(String device, List<Route> wanted) {
    for (Route route : wanted) {
      boolean present =
          host.routesVia(device).stream()
              .anyMatch(
                  r ->
                      r.destination().equals(route.destination())
                          && java.util.Objects.equals(r.gateway(), route.gateway()));
      if (!present) {
        sim.emit(new Step.AddRoute(route));
      }
    }
  }

  private void ensureVlan(NodeVlan vlan) {
    String bondName = spec.bond().name();
    String name = vlan.name();
    Link existing = host.links().get(name);
    if (existing != null
        && (!bondName.equals(existing.parent()) || !vlan.id().equals(existing.vlanId()))) {
      // Recreate leaves re-attaching a device to its master to the master's own recreate; this
      // VLAN's bridge is not deleted, so its undo puts the VLAN back in it here.
      List<Step> recreate = new ArrayList<>(Recreate.steps(existing, host, owner));
      if (existing.master() != null) {
        recreate.add(new Step.SetMaster(name, existing.master(), null));
      }
      sim.emit(new Step.DeleteLink(name, recreate));
      existing = null;
      sim.forget(name);
    }
    if (existing == null) {
      sim.emit(new Step.CreateVlan(bondName, name, vlan.id()));
      sim.emit(new Step.SetAlias(name, owner.mark(), null));
    }
    if (vlan.mtu() != null) {
      ensureMtu(name, vlan.mtu());
    }
    if (!sim.isUp(name)) {
      sim.emit(new Step.SetLinkState(name, true));
    }
    if (vlan.bridge() != null) {
      ensureBridge(vlan.bridge());
      if (!vlan.bridge().name().equals(sim.master(name))) {
        sim.emit(new Step.SetMaster(name, vlan.bridge().name(), sim.master(name)));
      }
    }
    NodeIpv4 ipv4 = vlan.ipv4() == null ? NodeIpv4.none() : vlan.ipv4();
    Set<String> wanted = new LinkedHashSet<>();
    if (ipv4.mode() == Ipv4Mode.STATIC && ipv4.address() != null) {
      wanted.add(ipv4.address());
    }
    ensureAddresses(vlan.topInterface(), wanted, ipv4.mode() != Ipv4Mode.DHCP);
    ensureRoutes(vlan.topInterface(), staticRoutes(ipv4, vlan.topInterface()));
  }

  /** Our VLANs on the bond that the spec no longer has, and their bridges. */
  private void removeStaleVlans() {
    Set<String> wanted = desiredNames();
    for (Link vlan : host.vlansOn(spec.bond().name())) {
      if (!owner.owns(vlan) || wanted.contains(vlan.name())) {
        continue;
      }
      if (vlan.master() != null) {
        host.link(vlan.master())
            .filter(owner::owns)
            .filter(br -> !wanted.contains(br.name()))
            .ifPresent(br -> deleteOwned(br));
      }
      deleteOwned(vlan);
    }
  }

  private void deleteOwned(Link link) {
    for (Address address : host.addressesOn(link.name())) {
      sim.emit(new Step.DelAddress(link.name(), address.cidr()));
    }
    sim.emit(Recreate.delete(link, host, owner));
  }
}

package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Addresses and routes: what the ports carry (the node IP) moves to the top interface in one go
 * right after the first port is in; static addresses and routes are set where the spec puts them.
 */
final class AddressSteps {
  private AddressSteps() {}

  /** Ports that carry IPv4 addresses or routes of their own (typically the node IP). */
  static List<String> carriers(HostState host, List<String> ports) {
    return ports.stream()
        .filter(
            p ->
                !host.addressesOn(p).isEmpty()
                    || host.routesVia(p).stream().anyMatch(r -> !r.isKernelMade()))
        .toList();
  }

  /** Interfaces whose addresses and routes belong on the top interface now. */
  static List<String> sources(PlanContext ctx, List<String> carriers) {
    List<String> sources = new ArrayList<>(carriers);
    HostState host = ctx.host();
    String bond = ctx.bondName();
    if (ctx.spec().bridge() != null
        && ctx.sim().exists(bond)
        && (!host.addressesOn(bond).isEmpty()
            || host.routesVia(bond).stream().anyMatch(r -> !r.isKernelMade()))) {
      sources.add(bond); // a bridge was added on top of a bond that carried the address
    }
    return sources;
  }

  /**
   * Deletes the sources' routes before their port goes down: explicitly, so that undo puts them
   * back (the kernel drops them silently). Returns them, to be added again on the top interface.
   */
  static List<Route> takeRoutesOff(PlanContext ctx, List<String> sources) {
    List<Route> moved = new ArrayList<>();
    for (String source : sources) {
      for (Route route : ctx.host().routesVia(source)) {
        if (!route.isKernelMade()) {
          if (!ctx.routesDownedWithBond().contains(route)) {
            ctx.emit(new Step.DelRoute(route));
          }
          moved.add(route);
        }
      }
    }
    return moved;
  }

  /** After the first port is in: bond up, bond into the bridge, addresses and routes on top. */
  static void bringUpTop(PlanContext ctx, List<String> sources, List<Route> movedRoutes) {
    HostState host = ctx.host();
    Simulation sim = ctx.sim();
    NodeIpv4 ipv4 = ctx.spec().ipv4OrDefault();
    String bond = ctx.bondName();
    if (!sim.isUp(bond)) {
      ctx.emit(new Step.SetLinkState(bond, true));
    }
    String top = ctx.spec().topInterface();
    if (ctx.spec().bridge() != null && !top.equals(sim.master(bond))) {
      ctx.emit(new Step.SetMaster(bond, top, sim.master(bond)));
    }
    Set<String> wanted = new LinkedHashSet<>();
    List<Route> lostRoutes = new ArrayList<>();
    Origins recorded = ctx.recorded();
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
    ensureAddresses(ctx, top, wanted, !moves);
    for (String source : sources) {
      for (Address address : host.addressesOn(source)) {
        ctx.emit(new Step.DelAddress(source, address.cidr()));
      }
    }
    List<Route> routes = new ArrayList<>();
    if (moves) {
      movedRoutes.forEach(r -> routes.add(r.onDevice(top)));
      routes.addAll(lostRoutes);
    }
    routes.addAll(staticRoutes(ipv4, top));
    ensureRoutes(ctx, top, routes);
    for (Route route : ctx.routesDownedWithBond()) {
      if (!movedRoutes.contains(route)) {
        ctx.emit(new Step.AddRoute(route));
      }
    }
  }

  /** A VLAN's (or its bridge's) static address and routes; anything else on it goes. */
  static void ensureStatic(PlanContext ctx, String device, NodeIpv4 ipv4) {
    Set<String> wanted = new LinkedHashSet<>();
    if (ipv4.mode() == Ipv4Mode.STATIC && ipv4.address() != null) {
      wanted.add(ipv4.address());
    }
    ensureAddresses(ctx, device, wanted, ipv4.mode() != Ipv4Mode.DHCP);
    ensureRoutes(ctx, device, staticRoutes(ipv4, device));
  }

  static List<Route> staticRoutes(NodeIpv4 ipv4, String device) {
    List<Route> routes = new ArrayList<>();
    if (ipv4.mode() != Ipv4Mode.STATIC) {
      return routes;
    }
    if (ipv4.gateway() != null) {
      routes.add(Route.of("default", ipv4.gateway(), device).withProtocol("static"));
    }
    if (ipv4.routes() != null) {
      for (Ipv4.Route r : ipv4.routes()) {
        routes.add(Route.of(r.to(), r.via(), device).withMetric(r.metric()).withProtocol("static"));
      }
    }
    return routes;
  }

  /** Adds missing addresses; on an interface of ours in static or none mode, removes others. */
  private static void ensureAddresses(
      PlanContext ctx, String device, Set<String> wanted, boolean exact) {
    Set<String> present = new HashSet<>();
    for (Address address : ctx.host().addressesOn(device)) {
      present.add(address.cidr());
      if (exact && !wanted.contains(address.cidr())) {
        ctx.emit(new Step.DelAddress(device, address.cidr()));
      }
    }
    for (String cidr : wanted) {
      if (!present.contains(cidr)) {
        ctx.emit(new Step.AddAddress(device, cidr));
      }
    }
  }

  private static void ensureRoutes(PlanContext ctx, String device, List<Route> wanted) {
    for (Route route : wanted) {
      boolean present =
          ctx.host().routesVia(device).stream()
              .anyMatch(
                  r ->
                      r.destination().equals(route.destination())
                          && Objects.equals(r.gateway(), route.gateway()));
      if (!present) {
        ctx.emit(new Step.AddRoute(route));
      }
    }
  }
}

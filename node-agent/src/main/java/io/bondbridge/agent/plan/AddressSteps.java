package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Addresses and routes: what the ports carry (the node IP) moves to the top interface in one go
 * right after the first port is in; static addresses and routes are set where the spec puts them.
 */
final class AddressSteps {
  private AddressSteps() {}

  /**
   * Ports that carry addresses or routes of their own (typically the node IP). A SLAAC address
   * alone does not make a carrier — every port up on the link makes one — unless no port carries
   * anything else (an IPv6-only node addressed by router advertisements).
   */
  static List<String> carriers(HostState host, List<String> ports) {
    List<String> carriers = ports.stream().filter(p -> carries(host, p)).toList();
    if (!carriers.isEmpty()) {
      return carriers;
    }
    return ports.stream()
        .filter(p -> host.addressesOn(p).stream().anyMatch(Address::isSlaac))
        .limit(1)
        .toList();
  }

  private static boolean carries(HostState host, String device) {
    return host.addressesOn(device).stream().anyMatch(a -> !a.isSlaac())
        || host.routesVia(device).stream().anyMatch(AddressSteps::moves);
  }

  /**
   * Routes that move with the addresses: not those the kernel makes from an address, nor those
   * learned from router advertisements (the top interface learns them itself: it solicits one when
   * it comes up).
   */
  static boolean moves(Route route) {
    return !route.isKernelMade() && !route.isRaLearned();
  }

  /** Interfaces whose addresses and routes belong on the top interface now. */
  static List<String> sources(PlanContext ctx, List<String> carriers) {
    List<String> sources = new ArrayList<>(carriers);
    HostState host = ctx.host();
    String bond = ctx.bondName();
    if (ctx.spec().bridge() != null && ctx.sim().exists(bond) && carries(host, bond)) {
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
        if (moves(route)) {
          if (!ctx.routesDownedWithBond().contains(route)) {
            ctx.emit(new RouteStep.DelRoute(route));
          }
          moved.add(route);
        }
      }
    }
    return moved;
  }

  /**
   * Deletes the sources' IPv6 addresses before their port goes down, after their routes: the kernel
   * drops a port's IPv6 addresses when it goes down, so they are taken off explicitly (undo puts
   * them back, lifetimes and flags as they were) and returned, to be added on the top interface in
   * the same window as the IPv4 ones.
   */
  static List<Address> takeIpv6Off(PlanContext ctx, List<String> sources) {
    List<Address> moved = new ArrayList<>();
    for (String source : sources) {
      for (Address address : ctx.host().addressesOn(source)) {
        if (address.isIpv6()) {
          ctx.emit(AddressStep.DelAddress.of(address));
          moved.add(address);
        }
      }
    }
    return moved;
  }

  /** After the first port is in: bond up, bond into the bridge, addresses and routes on top. */
  static void bringUpTop(
      PlanContext ctx, List<String> sources, List<Route> movedRoutes, List<Address> movedIpv6) {
    HostState host = ctx.host();
    Simulation sim = ctx.sim();
    NodeIpv4 ipv4 = ctx.spec().ipv4OrDefault();
    NodeIpv6 ipv6 = ctx.spec().ipv6OrDefault();
    boolean inherit6 = ipv6.mode() == Ipv6Mode.INHERIT;
    String bond = ctx.bondName();
    String top = ctx.spec().topInterface();
    // before the top interface has a carrier, so that no router advertisement finds it without
    if (inherit6) {
      slaacToken(movedIpv6).ifPresent(token -> ctx.emit(new AddressStep.SetToken(top, token)));
    }
    if (!sim.isUp(bond)) {
      ctx.emit(new LinkStep.SetLinkState(bond, true));
    }
    if (ctx.spec().bridge() != null && !top.equals(sim.master(bond))) {
      ctx.emit(new LinkStep.SetMaster(bond, top, sim.master(bond)));
    }
    Set<String> wanted = new LinkedHashSet<>();
    List<Route> lostRoutes = new ArrayList<>();
    Origins recorded = ctx.recorded();
    boolean moves = DhcpSteps.movesPortAddresses(ipv4);
    if (moves) {
      sources.forEach(
          s ->
              host.addressesOn(s).stream()
                  .filter(a -> !a.isIpv6())
                  .forEach(a -> wanted.add(a.cidr())));
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
    if (inherit6) {
      // the ports' IPv6 addresses move with their lifetimes and flags
      Set<String> onTop = new HashSet<>();
      host.addressesOn(top).forEach(a -> onTop.add(a.cidr()));
      for (Address address : movedIpv6) {
        if (onTop.add(address.cidr())) {
          ctx.emit(AddressStep.AddAddress.of(address.onDevice(top)));
        }
      }
    } else {
      // static, auto, none: the ports' IPv6 addresses were taken off and stay off
      ensureIpv6(ctx, top, ipv6);
    }
    for (String source : sources) {
      for (Address address : host.addressesOn(source)) {
        if (!address.isIpv6()) {
          ctx.emit(new AddressStep.DelAddress(source, address.cidr()));
        }
      }
    }
    List<Route> routes = new ArrayList<>();
    for (Route route : movedRoutes) {
      if (route.isIpv6() ? inherit6 : moves) {
        routes.add(route.onDevice(top));
      }
    }
    if (moves) {
      routes.addAll(lostRoutes);
    }
    routes.addAll(RouteSteps.staticRoutes(ipv4, top));
    routes.addAll(RouteSteps.staticRoutes(ipv6, top));
    RouteSteps.ensure(ctx, top, routes);
    for (Route route : ctx.routesDownedWithBond()) {
      if (!movedRoutes.contains(route)) {
        ctx.emit(new RouteStep.AddRoute(route));
      }
    }
  }

  /** A VLAN's (or its bridge's) static address and routes; anything else on it goes. */
  static void ensureStatic(PlanContext ctx, String device, NodeIpv4 ipv4, NodeIpv6 ipv6) {
    Set<String> wanted = new LinkedHashSet<>();
    if (ipv4.mode() == Ipv4Mode.STATIC && ipv4.address() != null) {
      wanted.add(ipv4.address());
    }
    ensureAddresses(ctx, device, wanted, ipv4.mode() != Ipv4Mode.DHCP);
    ensureIpv6(ctx, device, ipv6);
    List<Route> routes = RouteSteps.staticRoutes(ipv4, device);
    routes.addAll(RouteSteps.staticRoutes(ipv6, device));
    RouteSteps.ensure(ctx, device, routes);
  }

  /**
   * IPv6 addresses of an interface in static, auto or none mode: static adds its address (with
   * duplicate address detection: it is new on the link) and removes other permanent ones; auto and
   * none remove permanent ones. Addresses the kernel makes from router advertisements (SLAAC) are
   * left to it: auto wants them, and with none they come only where the host's sysctls let the
   * interface accept advertisements, which the agent does not change.
   */
  private static void ensureIpv6(PlanContext ctx, String device, NodeIpv6 ipv6) {
    if (ipv6.mode() == Ipv6Mode.INHERIT) {
      return;
    }
    String wanted = ipv6.mode() == Ipv6Mode.STATIC ? ipv6.address() : null;
    boolean present = false;
    for (Address address : ctx.host().addressesOn(device)) {
      if (!address.isIpv6() || address.dynamic()) {
        continue;
      }
      if (address.cidr().equalsIgnoreCase(wanted == null ? "" : wanted)) {
        present = true;
      } else {
        ctx.emit(AddressStep.DelAddress.of(address));
      }
    }
    if (wanted != null && !present) {
      ctx.emit(new AddressStep.AddAddress(device, wanted));
    }
  }

  /**
   * The token that makes SLAAC on the top interface give the first inherited SLAAC address of a /64
   * again (whether the port made it by EUI-64 or by stable privacy): "::" and its last 64 bits.
   */
  static java.util.Optional<String> slaacToken(List<Address> movedIpv6) {
    return movedIpv6.stream()
        .filter(a -> a.isSlaac() && a.cidr().endsWith("/64"))
        .findFirst()
        .map(a -> "::" + interfaceId(a.ip()) + "/64");
  }

  /** True when an IPv6 prefix such as fd00:20::/48 has no bit set past its prefix length. */
  static boolean isSubnet(String prefix) {
    int slash = prefix.indexOf('/');
    int length = Integer.parseInt(prefix.substring(slash + 1));
    List<String> groups = groups(prefix.substring(0, slash));
    for (int i = 0; i < 8; i++) {
      int value = Integer.parseInt(groups.get(i), 16);
      int kept = Math.max(0, Math.min(16, length - 16 * i)); // bits of this group in the prefix
      if ((value & (0xFFFF >> kept)) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The last 64 bits of an IPv6 address as four groups, e.g. 5054:ff:febb:0 (pure: text only). */
  static String interfaceId(String ipv6) {
    List<String> tail = groups(ipv6);
    List<String> groups = new ArrayList<>();
    for (String group : tail.subList(4, 8)) {
      groups.add(Integer.toHexString(Integer.parseInt(group, 16)));
    }
    return String.join(":", groups);
  }

  /** The eight groups of an IPv6 address's text, :: expanded (pure: text only). */
  private static List<String> groups(String ipv6) {
    String[] halves = ipv6.split("::", -1);
    List<String> all = new ArrayList<>();
    if (halves.length == 2) {
      List<String> head = halves[0].isEmpty() ? List.of() : List.of(halves[0].split(":"));
      List<String> rest = halves[1].isEmpty() ? List.of() : List.of(halves[1].split(":"));
      all.addAll(head);
      for (int i = head.size() + rest.size(); i < 8; i++) {
        all.add("0");
      }
      all.addAll(rest);
    } else {
      all.addAll(List.of(ipv6.split(":")));
    }
    if (all.size() != 8) {
      throw new IllegalArgumentException("not an IPv6 address: " + ipv6);
    }
    return all;
  }

  /**
   * Adds missing IPv4 addresses; on an interface of ours in static or none mode, removes other IPv4
   * ones (IPv6 ones are ipv6's: see {@link #ensureIpv6}).
   */
  private static void ensureAddresses(
      PlanContext ctx, String device, Set<String> wanted, boolean exact) {
    Set<String> present = new HashSet<>();
    for (Address address : ctx.host().addressesOn(device)) {
      present.add(address.cidr());
      if (exact && !address.isIpv6() && !wanted.contains(address.cidr())) {
        ctx.emit(new AddressStep.DelAddress(device, address.cidr()));
      } else if (exact && address.isLease()) {
        // dhcp before, static now with the lease's address: no client renews it any more
        ctx.emit(AddressStep.MakeAddressPermanent.of(address));
      }
    }
    for (String cidr : wanted) {
      if (!present.contains(cidr)) {
        ctx.emit(new AddressStep.AddAddress(device, cidr));
      }
    }
  }
}

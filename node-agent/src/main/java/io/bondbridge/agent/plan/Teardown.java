package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The steps that remove what a BondBridge created on this host: only devices carrying our mark,
 * ports released and set up again, and with {@code inherit} the addresses and routes given back to
 * the port each came from ({@link Origins}; without a record, to the primary port, else the first).
 * Pure, like {@link Planner}.
 */
public final class Teardown {
  private Teardown() {}

  public static Plan plan(BondBridgeNodeSpec spec, HostState host, Ownership owner) {
    return plan(spec, host, owner, Origins.none());
  }

  public static Plan plan(
      BondBridgeNodeSpec spec, HostState host, Ownership owner, Origins origins) {
    List<Step> steps = new ArrayList<>(DnsSteps.giveBack(spec, host, owner));
    Set<String> releases = DhcpSteps.handOver(steps, spec, host, origins);
    DhcpSteps.stopClients6(steps, spec, host);
    String bondName = spec.bond().name();
    Link bond = host.links().get(bondName);
    boolean ourBond = bond != null && owner.owns(bond);

    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (vlan.bridge() != null) {
        host.link(vlan.bridge().name())
            .filter(owner::owns)
            .ifPresent(br -> delete(br, host, owner, releases, steps));
      }
      host.link(vlan.name())
          .filter(owner::owns)
          .ifPresent(v -> delete(v, host, owner, releases, steps));
    }
    if (ourBond) {
      for (Link vlan : host.vlansOn(bondName)) {
        if (owner.owns(vlan) && steps.stream().noneMatch(s -> deletes(s, vlan.name()))) {
          delete(vlan, host, owner, releases, steps);
        }
      }
    }

    String top = spec.topInterface();
    Link topLink = host.links().get(top);
    boolean ourTop = topLink != null && owner.owns(topLink);
    // Last enslaved first: a rollback then re-enslaves them in the kernel's order, so the bond gets
    // back its MAC (the first port's), its active port and its list of ports as they were.
    List<String> ports = ourBond ? portsLastFirst(host, bondName) : List.of();
    boolean inherit4 = DhcpSteps.givesBack(spec.ipv4OrDefault(), origins);
    boolean inherit6 = spec.ipv6OrDefault().mode() == Ipv6Mode.INHERIT;
    // per family: inherited addresses go back from the top, the others' ports get their own back
    Predicate<String> inherited = cidr -> cidr.contains(":") ? inherit6 : inherit4;
    boolean router = spec.ipv4OrDefault().mode() == Ipv4Mode.DHCP;
    String fallback = fallbackHome(spec, ports);
    List<Plan.Together> together = new ArrayList<>();
    if (ourTop && !ports.isEmpty()) {
      // from the routes leaving the top to the last address and route back on its port, the
      // node is cut off: one write; routes learned from router advertisements stay (the port
      // learns its own once it is free)
      int moveFrom = steps.size();
      List<Route> routes = host.routesVia(top).stream().filter(AddressSteps::moves).toList();
      routes.forEach(r -> steps.add(new RouteStep.DelRoute(r)));
      DhcpSteps.release(steps, releases, top, router); // while the ports still carry it out
      // Where each address goes back to: an inherited one from the top to the port it came from;
      // for a family in static, auto or none mode, the ports' own addresses that the change
      // removed, while the top's go.
      Map<String, String> homes = new LinkedHashMap<>();
      Map<String, String> restored = new LinkedHashMap<>();
      List<Route> routesBack = new ArrayList<>();
      for (Address address : host.addressesOn(top)) {
        if (inherited.test(address.cidr())) {
          String origin = origins.addresses().get(address.cidr());
          homes.put(address.cidr(), origin != null && ports.contains(origin) ? origin : fallback);
        }
      }
      routes.stream()
          .filter(r -> r.isIpv6() ? inherit6 : inherit4)
          .forEach(r -> routesBack.add(original(r, origins, ports, fallback)));
      origins
          .addresses()
          .forEach(
              (cidr, port) -> {
                if (!inherited.test(cidr) && ports.contains(port)) {
                  restored.put(cidr, port);
                }
              });
      origins.routes().stream()
          .filter(r -> !(r.isIpv6() ? inherit6 : inherit4) && ports.contains(r.device()))
          .forEach(routesBack::add);
      Set<String> waiting = new LinkedHashSet<>(homes.values());
      waiting.addAll(restored.values());
      int moveTo = moveFrom;
      if (waiting.isEmpty()) {
        moveBack(host, top, inherited, restored, routesBack, releases, steps);
        moveTo = steps.size();
      }
      for (String port : ports) {
        release(port, bondName, steps);
        if (waiting.remove(port)) {
          // each inherited address onto its port as soon as that port is free: the node keeps it
          homes.forEach(
              (cidr, home) -> {
                if (home.equals(port)) {
                  Address address = observed(host, top, cidr);
                  steps.add(AddressStep.AddAddress.of(address.onDevice(home)));
                  steps.add(AddressStep.DelAddress.of(address));
                }
              });
          if (waiting.isEmpty()) {
            moveBack(host, top, inherited, restored, routesBack, releases, steps);
            moveTo = steps.size();
          }
        }
      }
      if (!(homes.isEmpty() && restored.isEmpty()) && moveTo - moveFrom > 1) {
        together.add(new Plan.Together(moveFrom, moveTo));
      }
    } else {
      if (ourTop) {
        host.routesVia(top).stream()
            .filter(r -> !r.isKernelMade())
            .forEach(r -> steps.add(new RouteStep.DelRoute(r)));
        DhcpSteps.release(steps, releases, top, router);
        host.addressesOn(top).stream()
            .filter(a -> !(releases.contains(top) && a.isLease()))
            .forEach(a -> steps.add(new AddressStep.DelAddress(top, a.cidr())));
      }
      ports.forEach(port -> release(port, bondName, steps));
    }
    if (spec.bridge() != null) {
      host.link(spec.bridge().name())
          .filter(owner::owns)
          .ifPresent(br -> steps.add(Recreate.delete(br, host, owner)));
    }
    if (ourBond) {
      steps.add(
          Recreate.deleteBond(
              bond, BondSteps.ipOptions(KernelBondOption.desired(spec.bond())), owner));
    }
    DhcpSteps.resumeHostClients(steps, host, ports, spec);
    return Plan.of(steps, together);
  }

  /**
   * The rest of the move back once the last home port is free: the top's addresses of families not
   * inherited go, the ports' own come back, then the routes.
   */
  private static void moveBack(
      HostState host,
      String top,
      Predicate<String> inherited,
      Map<String, String> restored,
      List<Route> routesBack,
      Set<String> releases,
      List<Step> steps) {
    // a released lease has gone with its release
    host.addressesOn(top).stream()
        .filter(a -> !inherited.test(a.cidr()))
        .filter(a -> !(releases.contains(top) && a.isLease()))
        .forEach(a -> steps.add(AddressStep.DelAddress.of(a)));
    restored.forEach(
        (cidr, port) -> {
          Address onTop = observed(host, top, cidr);
          steps.add(AddressStep.AddAddress.of(onTop.onDevice(port)));
        });
    routesBack.forEach(r -> steps.add(new RouteStep.AddRoute(r)));
  }

  /**
   * The address as observed on the top interface, with its IPv6 lifetimes and flags (a SLAAC
   * address goes back as the port's kernel would refresh it); a bare one if it is not there.
   */
  private static Address observed(HostState host, String top, String cidr) {
    return host.addressesOn(top).stream()
        .filter(a -> a.cidr().equals(cidr))
        .findFirst()
        .orElse(new Address(top, cidr, false));
  }

  /** Out of the bond, and up again (the kernel closes a port it releases). */
  private static void release(String port, String bond, List<Step> steps) {
    steps.add(new LinkStep.SetMaster(port, null, bond));
    steps.add(new LinkStep.SetLinkState(port, true));
  }

  /** The bond's ports, the one enslaved last first (the kernel's order when it reports one). */
  private static List<String> portsLastFirst(HostState host, String bond) {
    List<String> present = host.portsOf(bond).stream().map(Link::name).toList();
    List<String> order = new ArrayList<>();
    host.bond(bond)
        .ifPresent(
            b ->
                b.ports()
                    .forEach(
                        p -> {
                          if (present.contains(p.name())) {
                            order.add(p.name());
                          }
                        }));
    present.stream().filter(p -> !order.contains(p)).forEach(order::add);
    Collections.reverse(order);
    return order;
  }

  /** The route as it was on its port, if recorded; else the same route on the fallback port. */
  private static Route original(Route route, Origins origins, List<String> ports, String fallback) {
    for (Route recorded : origins.routes()) {
      if (recorded.destination().equals(route.destination())
          && Objects.equals(recorded.gateway(), route.gateway())
          && ports.contains(recorded.device())) {
        return recorded;
      }
    }
    return route.onDevice(fallback);
  }

  /**
   * Where addresses go without a record: the primary if it is a port, else the port enslaved first
   * ({@code portsLastFirst} has it last).
   */
  private static String fallbackHome(BondBridgeNodeSpec spec, List<String> portsLastFirst) {
    String primary = spec.bond().primary();
    if (primary != null && portsLastFirst.contains(primary)) {
      return primary;
    }
    return portsLastFirst.isEmpty() ? null : portsLastFirst.get(portsLastFirst.size() - 1);
  }

  private static void delete(
      Link link, HostState host, Ownership owner, Set<String> releases, List<Step> steps) {
    DhcpSteps.release(steps, releases, link.name(), false);
    for (Address address : host.addressesOn(link.name())) {
      if (!(releases.contains(link.name()) && address.isLease())) {
        steps.add(new AddressStep.DelAddress(link.name(), address.cidr()));
      }
    }
    steps.add(Recreate.delete(link, host, owner));
  }

  private static boolean deletes(Step step, String name) {
    return step instanceof LinkStep.DeleteLink d && d.name().equals(name);
  }
}

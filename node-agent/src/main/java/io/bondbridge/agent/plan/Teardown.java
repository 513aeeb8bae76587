package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    List<Step> steps = new ArrayList<>();
    Set<String> releases = DhcpSteps.handOver(steps, spec, host, origins);
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
    List<String> ports =
        ourBond ? host.portsOf(bondName).stream().map(Link::name).toList() : List.of();
    boolean inherit = DhcpSteps.givesBack(spec.ipv4OrDefault(), origins);
    boolean router = spec.ipv4OrDefault().mode() == Ipv4Mode.DHCP;
    String fallback = fallbackHome(spec, ports);
    Set<String> released = new LinkedHashSet<>();
    if (ourTop && !ports.isEmpty()) {
      List<Route> routes = host.routesVia(top).stream().filter(r -> !r.isKernelMade()).toList();
      routes.forEach(r -> steps.add(new Step.DelRoute(r)));
      // Where each address goes back to: with inherit, the top's addresses to the port each came
      // from; with static or none, the ports' own addresses that the change removed.
      Map<String, String> homes = new LinkedHashMap<>();
      List<Route> routesBack = new ArrayList<>();
      if (inherit) {
        for (Address address : host.addressesOn(top)) {
          String origin = origins.addresses().get(address.cidr());
          homes.put(address.cidr(), origin != null && ports.contains(origin) ? origin : fallback);
        }
        routes.forEach(r -> routesBack.add(original(r, origins, ports, fallback)));
      } else {
        origins
            .addresses()
            .forEach(
                (cidr, port) -> {
                  if (ports.contains(port)) {
                    homes.put(cidr, port);
                  }
                });
        origins.routes().stream().filter(r -> ports.contains(r.device())).forEach(routesBack::add);
      }
      for (String home : new LinkedHashSet<>(homes.values())) {
        steps.add(new Step.SetMaster(home, null, bondName));
        steps.add(new Step.SetLinkState(home, true));
        released.add(home);
      }
      for (Address address : host.addressesOn(top)) {
        if (inherit) {
          steps.add(new Step.AddAddress(homes.get(address.cidr()), address.cidr()));
        }
        if (!(releases.contains(top) && address.dynamic())) {
          steps.add(new Step.DelAddress(top, address.cidr()));
        }
      }
      if (!inherit) {
        homes.forEach((cidr, port) -> steps.add(new Step.AddAddress(port, cidr)));
      }
      routesBack.forEach(r -> steps.add(new Step.AddRoute(r)));
      DhcpSteps.release(steps, releases, top, router);
    } else if (ourTop) {
      host.routesVia(top).stream()
          .filter(r -> !r.isKernelMade())
          .forEach(r -> steps.add(new Step.DelRoute(r)));
      host.addressesOn(top).stream()
          .filter(a -> !(releases.contains(top) && a.dynamic()))
          .forEach(a -> steps.add(new Step.DelAddress(top, a.cidr())));
      DhcpSteps.release(steps, releases, top, router);
    }
    for (String port : ports) {
      if (!released.contains(port)) {
        steps.add(new Step.SetMaster(port, null, bondName));
        steps.add(new Step.SetLinkState(port, true));
      }
    }
    if (spec.bridge() != null) {
      host.link(spec.bridge().name())
          .filter(owner::owns)
          .ifPresent(br -> steps.add(Recreate.delete(br, host, owner)));
    }
    if (ourBond) {
      Map<String, String> options = new LinkedHashMap<>();
      KernelBondOption.desired(spec.bond())
          .forEach((option, value) -> options.put(option.ipName(), option.ipValue(value)));
      steps.add(
          new Step.DeleteLink(
              bondName,
              List.of(
                  new Step.CreateBond(bondName, options),
                  new Step.SetAlias(bondName, owner.mark(), null),
                  new Step.SetLinkState(bondName, true))));
    }
    DhcpSteps.resumeHostClients(steps, host, ports);
    return Plan.of(steps);
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

  /** Where addresses go without a record: the primary if it is a port, else the first port. */
  private static String fallbackHome(BondBridgeNodeSpec spec, List<String> ports) {
    String primary = spec.bond().primary();
    if (primary != null && ports.contains(primary)) {
      return primary;
    }
    return ports.isEmpty() ? null : ports.get(0);
  }

  private static void delete(
      Link link, HostState host, Ownership owner, Set<String> releases, List<Step> steps) {
    DhcpSteps.release(steps, releases, link.name(), false);
    for (Address address : host.addressesOn(link.name())) {
      if (!(releases.contains(link.name()) && address.dynamic())) {
        steps.add(new Step.DelAddress(link.name(), address.cidr()));
      }
    }
    steps.add(Recreate.delete(link, host, owner));
  }

  private static boolean deletes(Step step, String name) {
    return step instanceof Step.DeleteLink d && d.name().equals(name);
  }
}

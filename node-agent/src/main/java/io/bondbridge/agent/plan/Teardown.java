package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps that remove what a BondBridge created on this host: only devices carrying our mark,
 * ports released and set up again, and with {@code inherit} the addresses and routes moved back to
 * a port. Pure, like {@link Planner}.
 */
public final class Teardown {
  private Teardown() {}

  public static Plan plan(BondBridgeNodeSpec spec, HostState host, Ownership owner) {
    List<Step> steps = new ArrayList<>();
    String bondName = spec.bond().name();
    Link bond = host.links().get(bondName);
    boolean ourBond = bond != null && owner.owns(bond);

    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (vlan.bridge() != null) {
        host.link(vlan.bridge().name())
            .filter(owner::owns)
            .ifPresent(br -> delete(br, host, owner, steps));
      }
      host.link(vlan.name()).filter(owner::owns).ifPresent(v -> delete(v, host, owner, steps));
    }
    if (ourBond) {
      for (Link vlan : host.vlansOn(bondName)) {
        if (owner.owns(vlan) && steps.stream().noneMatch(s -> deletes(s, vlan.name()))) {
          delete(vlan, host, owner, steps);
        }
      }
    }

    String top = spec.topInterface();
    Link topLink = host.links().get(top);
    boolean ourTop = topLink != null && owner.owns(topLink);
    List<Link> ports = ourBond ? host.portsOf(bondName) : List.of();
    String home = homePort(spec, ports);
    if (ourTop) {
      List<Route> routes = host.routesVia(top).stream().filter(r -> !r.isKernelMade()).toList();
      routes.forEach(r -> steps.add(new Step.DelRoute(r)));
      boolean giveBack = spec.ipv4OrDefault().mode() == Ipv4Mode.INHERIT && home != null;
      if (giveBack) {
        steps.add(new Step.SetMaster(home, null, bondName));
        steps.add(new Step.SetLinkState(home, true));
      }
      for (Address address : host.addressesOn(top)) {
        if (giveBack) {
          steps.add(new Step.AddAddress(home, address.cidr()));
        }
        steps.add(new Step.DelAddress(top, address.cidr()));
      }
      if (giveBack) {
        routes.forEach(r -> steps.add(new Step.AddRoute(r.onDevice(home))));
      }
    }
    for (Link port : ports) {
      if (!port.name().equals(home) || !ourTop || spec.ipv4OrDefault().mode() != Ipv4Mode.INHERIT) {
        steps.add(new Step.SetMaster(port.name(), null, bondName));
        steps.add(new Step.SetLinkState(port.name(), true));
      }
    }
    if (spec.bridge() != null) {
      host.link(spec.bridge().name())
          .filter(owner::owns)
          .ifPresent(
              br ->
                  steps.add(
                      new Step.DeleteLink(
                          br.name(),
                          List.of(
                              new Step.CreateBridge(
                                  br.name(), Planner.bridgeOptions(spec.bridge())),
                              new Step.SetAlias(br.name(), owner.mark(), null),
                              new Step.SetLinkState(br.name(), true),
                              new Step.SetMaster(bondName, br.name(), null)))));
    }
    if (ourBond) {
      Map<String, String> options = new java.util.LinkedHashMap<>();
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
    return Plan.of(steps);
  }

  /** The port that gets the addresses back: the primary if it is a port, else the first port. */
  private static String homePort(BondBridgeNodeSpec spec, List<Link> ports) {
    String primary = spec.bond().primary();
    if (primary != null && ports.stream().anyMatch(p -> p.name().equals(primary))) {
      return primary;
    }
    return ports.isEmpty() ? null : ports.get(0).name();
  }

  private static void delete(Link link, HostState host, Ownership owner, List<Step> steps) {
    for (Address address : host.addressesOn(link.name())) {
      steps.add(new Step.DelAddress(link.name(), address.cidr()));
    }
    List<Step> recreate =
        link.isVlan()
            ? List.of(
                new Step.CreateVlan(link.parent(), link.name(), link.vlanId()),
                new Step.SetAlias(link.name(), owner.mark(), null),
                new Step.SetLinkState(link.name(), true))
            : List.of(
                new Step.CreateBridge(link.name(), Map.of()),
                new Step.SetAlias(link.name(), owner.mark(), null),
                new Step.SetLinkState(link.name(), true));
    steps.add(new Step.DeleteLink(link.name(), recreate));
  }

  private static boolean deletes(Step step, String name) {
    return step instanceof Step.DeleteLink d && d.name().equals(name);
  }
}

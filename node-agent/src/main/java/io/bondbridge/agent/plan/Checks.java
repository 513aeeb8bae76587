package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import java.util.ArrayList;
import java.util.List;

/**
 * The reasons a spec must not touch this host, found before any step: names the kernel cannot take,
 * devices that are not ours, ports that cannot be had, and changes that would cut the node off. Any
 * refusal means no step at all.
 */
final class Checks {
  static final int IFNAMSIZ = 15;

  private Checks() {}

  static List<String> refusals(PlanContext ctx, PortResolver.Ports ports, List<String> carriers) {
    List<String> refusals = new ArrayList<>();
    names(ctx, refusals);
    ownership(ctx, refusals);
    refusals.addAll(ports.refusals());
    managers(ctx, ports.names(), refusals);
    addressSafety(ctx, carriers, refusals);
    ipv6(ctx, refusals);
    refusals.addAll(DnsSteps.refusals(ctx.spec(), ctx.host()));
    return refusals;
  }

  /** True when the spec's bond name is taken by the module's own bond0, to be replaced. */
  static boolean replacesModuleBond0(PlanContext ctx) {
    Link existing = ctx.host().links().get(ctx.bondName());
    return existing != null
        && !ctx.owner().owns(existing)
        && ModuleBond0.differences(existing, ctx.host()).isEmpty();
  }

  private static void names(PlanContext ctx, List<String> refusals) {
    for (String name : ctx.desiredNames()) {
      if (name.length() > IFNAMSIZ) {
        refusals.add(name + " is longer than " + IFNAMSIZ + " characters (the kernel's IFNAMSIZ)");
      }
    }
  }

  /**
   * Ports a network manager of the host has in hand: it would configure them again behind the
   * bond's back. A port already in our bond is not asked about again.
   */
  private static void managers(PlanContext ctx, List<String> ports, List<String> refusals) {
    for (String port : ports) {
      Link link = ctx.host().links().get(port);
      if (link == null || ctx.bondName().equals(link.master())) {
        continue;
      }
      ctx.host()
          .managerOf(port)
          .ifPresent(
              m ->
                  refusals.add(
                      port
                          + " is managed by "
                          + m.name()
                          + " ("
                          + m.detail()
                          + "), which would configure it again behind the bond's back; to hand"
                          + " it to BondBridge, "
                          + m.release()));
    }
  }

  /**
   * Names taken by devices that are not ours; the module's bond0 alone may be replaced, and what
   * the spec adopts is ours by now ({@link Adoption}).
   */
  private static void ownership(PlanContext ctx, List<String> refusals) {
    for (String name : ctx.desiredNames()) {
      Link existing = ctx.host().links().get(name);
      if (existing == null || ctx.owner().owns(existing)) {
        continue;
      }
      String otherOwner = Ownership.ownerOf(existing);
      if (otherOwner != null) {
        refusals.add(name + " belongs to BondBridge " + otherOwner);
        continue;
      }
      String reason =
          name
              + " already exists and was not created by BondBridge (no '"
              + ctx.owner().mark()
              + "' alias); BondBridge does not take over a device it did not create";
      if (name.equals(ctx.bondName()) && existing.isBond()) {
        List<String> differences = ModuleBond0.differences(existing, ctx.host());
        if (differences.isEmpty()) {
          continue; // the module's bond0: replaced (see Planner)
        }
        reason +=
            "; the only bond it replaces is the empty "
                + ModuleBond0.NAME
                + " that loading bonding leaves, and "
                + name
                + " is not that one: "
                + String.join(", ", differences);
      }
      refusals.add(reason + Adoption.hint(ctx.spec(), existing).map(h -> "; " + h).orElse(""));
    }
  }

  private static void addressSafety(PlanContext ctx, List<String> carriers, List<String> refusals) {
    var host = ctx.host();
    var spec = ctx.spec();
    NodeIpv4 ipv4 = spec.ipv4OrDefault();
    List<Route> defaults =
        carriers.stream()
            .flatMap(p -> host.routesVia(p).stream())
            .filter(r -> r.isDefault() && !r.isIpv6())
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
            && !route.isIpv6()
            && !carriers.contains(route.device())
            && !route.device().equals(spec.topInterface())
            && !ctx.desiredNames().contains(route.device())) {
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

  /**
   * What admission cannot check of the ipv6 blocks (CEL has no hexadecimal arithmetic before
   * Kubernetes 1.31): a route's destination with host bits set, which the kernel refuses; and, as
   * for IPv4, one default gateway.
   */
  private static void ipv6(PlanContext ctx, List<String> refusals) {
    var spec = ctx.spec();
    List<NodeIpv6> blocks = new ArrayList<>();
    blocks.add(spec.ipv6OrDefault());
    spec.vlansOrEmpty().stream().filter(v -> v.ipv6() != null).forEach(v -> blocks.add(v.ipv6()));
    for (NodeIpv6 ipv6 : blocks) {
      for (Ipv6.Route route : ipv6.routes() == null ? List.<Ipv6.Route>of() : ipv6.routes()) {
        if (!AddressSteps.isSubnet(route.to())) {
          refusals.add(
              "ipv6 route to "
                  + route.to()
                  + " has host bits set: a destination is a subnet, with the bits past its"
                  + " prefix length zero");
        }
      }
    }
    long gateways = blocks.stream().filter(b -> b.gateway() != null).count();
    if (gateways > 1) {
      refusals.add(
          "only one interface can have the IPv6 default gateway, " + gateways + " have one");
    }
  }
}

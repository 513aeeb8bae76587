package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Desired spec + observed host → the ordered steps that make the host match, or the reasons it must
 * not be touched. Pure: reads values, returns values. This class holds the order; the steps of each
 * part come from its builder ({@link Checks}, {@link BondSteps}, {@link BridgeSteps}, {@link
 * AddressSteps}, {@link VlanSteps}) over one {@link PlanContext}.
 *
 * <p>The order keeps the kernel's rules and the node's connectivity: bond and bridge are made first
 * and empty; the port carrying the node's address is enslaved first, so the bond (and the bridge on
 * it) take that port's MAC and neighbours' ARP caches stay right; right after it the addresses and
 * routes move to the top interface; then the other ports, then the VLANs (a VLAN on an empty bond
 * would get a MAC that changes when the first port joins).
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(BondBridgeNodeSpec spec, HostState host, Ownership owner) {
    return plan(spec, host, owner, Origins.none());
  }

  /**
   * @param recorded the addresses and routes an earlier apply moved to the top interface: in
   *     inherit mode they are put back there if they are nowhere on the host any more (the kernel
   *     deletes them with a bridge deleted by hand)
   */
  public static Plan plan(
      BondBridgeNodeSpec spec, HostState observed, Ownership owner, Origins recorded) {
    // devices the spec adopts are planned as ours: what matches them gives no step
    List<Link> adopted = Adoption.devices(spec, observed, owner);
    HostState host = Adoption.marked(observed, adopted, owner);
    PlanContext ctx = PlanContext.of(spec, host, owner, recorded);
    PortResolver.Ports ports = PortResolver.resolve(spec.bond().ports(), ctx.bondName(), host);
    List<String> carriers = AddressSteps.carriers(host, ports.names());
    List<String> refusals = new ArrayList<>(Checks.refusals(ctx, ports, carriers));
    refusals.addAll(DhcpSteps.refusals(host, carriers, adopted.stream().map(Link::name).toList()));
    if (!refusals.isEmpty()) {
      return Plan.refused(refusals);
    }
    Adoption.mark(ctx, adopted);
    DhcpSteps.pauseHostClients(ctx.sim(), host, carriers, spec);
    DhcpSteps.stopUnwanted(ctx, spec, host, carriers);

    if (Checks.replacesModuleBond0(ctx)) {
      BondSteps.replaceModuleBond0(ctx);
    }
    BondSteps.ensure(ctx);
    if (spec.bridge() != null) {
      BridgeSteps.ensure(ctx, spec.bridge());
    }
    List<String> sources = AddressSteps.sources(ctx, carriers);
    // from the routes leaving the port to the address and routes on top, the node is cut off
    int moveFrom = ctx.sim().steps().size();
    int moveTo = moveFrom;
    List<Route> movedRoutes = AddressSteps.takeRoutesOff(ctx, sources);
    List<Address> movedIpv6 = AddressSteps.takeIpv6Off(ctx, sources);

    // the carriers first: the bond takes the first port's MAC, and the address follows it at once
    List<String> ordered = new ArrayList<>(carriers);
    ports.names().stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
    boolean topReady = false;
    for (String port : ordered) {
      BondSteps.enslave(ctx, port);
      if (!topReady) {
        topReady = true;
        AddressSteps.bringUpTop(ctx, sources, movedRoutes, movedIpv6);
        moveTo = ctx.sim().steps().size();
      }
    }
    if (!topReady) {
      AddressSteps.bringUpTop(ctx, sources, movedRoutes, movedIpv6);
      moveTo = ctx.sim().steps().size();
    }
    BondSteps.releaseOthers(ctx, ports.names());
    if (spec.bridge() != null) {
      // the bond is in the bridge by now: its untagged traffic (the node's address) went on in the
      // kernel's default VLAN 1 meanwhile
      BridgeVlanSteps.steps(host, spec.bridge(), ctx.bondName()).forEach(ctx::emit);
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      VlanSteps.ensure(ctx, vlan);
    }
    VlanSteps.removeStale(ctx);
    DhcpSteps.keepLeases(ctx.sim(), spec, host, carriers);
    DnsSteps.ensure(ctx); // once the interfaces are there and addressed
    return Plan.of(ctx.sim().steps(), addressMove(sources, moveFrom, moveTo));
  }

  /** The node's address move goes to the kernel in one write: one kernel round of outage. */
  private static List<Plan.Together> addressMove(List<String> sources, int from, int to) {
    return !sources.isEmpty() && to - from > 1 ? List.of(new Plan.Together(from, to)) : List.of();
  }
}

package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** 802.1Q VLANs on the bond, each with its optional bridge and addresses; stale ones removed. */
final class VlanSteps {
  private VlanSteps() {}

  static void ensure(PlanContext ctx, NodeVlan vlan) {
    HostState host = ctx.host();
    String bond = ctx.bondName();
    String name = vlan.name();
    Link existing = host.links().get(name);
    if (existing != null
        && (!bond.equals(existing.parent()) || !vlan.id().equals(existing.vlanId()))) {
      // Recreate leaves re-attaching a device to its master to the master's own recreate; this
      // VLAN's bridge is not deleted, so its undo puts the VLAN back in it here.
      List<Step> recreate = new ArrayList<>(Recreate.steps(existing, host, ctx.owner()));
      if (existing.master() != null) {
        recreate.add(new LinkStep.SetMaster(name, existing.master(), null));
      }
      ctx.emit(new LinkStep.DeleteLink(name, recreate));
      existing = null;
      ctx.sim().forget(name);
    }
    boolean made = existing == null;
    if (made) {
      ctx.emit(new LinkStep.CreateVlan(bond, name, vlan.id()));
      ctx.emit(new LinkStep.SetAlias(name, ctx.owner().mark(), null));
    }
    if (vlan.mtu() != null) {
      ctx.ensureMtu(name, vlan.mtu());
    }
    if (!ctx.sim().isUp(name)) {
      ctx.emit(new LinkStep.SetLinkState(name, true));
    }
    if (vlan.bridge() != null) {
      BridgeSteps.ensure(ctx, vlan.bridge());
      if (!vlan.bridge().name().equals(ctx.sim().master(name))) {
        ctx.emit(new LinkStep.SetMaster(name, vlan.bridge().name(), ctx.sim().master(name)));
      }
      BridgeVlanSteps.steps(host, vlan.bridge(), name, made).forEach(ctx::emit);
    }
    AddressSteps.ensureStatic(
        ctx,
        vlan.topInterface(),
        vlan.ipv4() == null ? NodeIpv4.none() : vlan.ipv4(),
        vlan.ipv6() == null ? NodeIpv6.none() : vlan.ipv6());
  }

  /** Our VLANs on the bond that the spec no longer has, and their bridges. */
  static void removeStale(PlanContext ctx) {
    HostState host = ctx.host();
    Ownership owner = ctx.owner();
    Set<String> wanted = ctx.desiredNames();
    for (Link vlan : host.vlansOn(ctx.bondName())) {
      if (!owner.owns(vlan) || wanted.contains(vlan.name())) {
        continue;
      }
      if (vlan.master() != null) {
        host.link(vlan.master())
            .filter(owner::owns)
            .filter(br -> !wanted.contains(br.name()))
            .ifPresent(br -> deleteOwned(ctx, br));
      }
      deleteOwned(ctx, vlan);
    }
  }

  private static void deleteOwned(PlanContext ctx, Link link) {
    for (Address address : ctx.host().addressesOn(link.name())) {
      ctx.emit(new AddressStep.DelAddress(link.name(), address.cidr()));
    }
    ctx.emit(Recreate.delete(link, ctx.host(), ctx.owner()));
  }
}

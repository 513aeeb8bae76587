package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every step builder of one plan shares: the spec, the host as observed, our mark, the record
 * of inherited addresses, and the running {@link Simulation} the steps are emitted into.
 *
 * @param recorded where inherited addresses came from, as recorded when they were moved
 * @param routesDownedWithBond routes via the bond that the kernel drops when the plan takes the
 *     bond down (filled by {@link BondSteps}, put back by {@link AddressSteps})
 */
record PlanContext(
    BondBridgeNodeSpec spec,
    HostState host,
    Ownership owner,
    Origins recorded,
    Simulation sim,
    List<Route> routesDownedWithBond) {

  static PlanContext of(
      BondBridgeNodeSpec spec, HostState host, Ownership owner, Origins recorded) {
    return new PlanContext(spec, host, owner, recorded, new Simulation(host), new ArrayList<>());
  }

  String bondName() {
    return spec.bond().name();
  }

  void emit(Step step) {
    sim.emit(step);
  }

  /** Every device name the spec asks for: bond, bridge, VLANs and their bridges. */
  Set<String> desiredNames() {
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

  /** Sets the MTU where the device does not have it (a device still to be made has 1500). */
  void ensureMtu(String device, int mtu) {
    Link link = host.links().get(device);
    int current = link == null ? 1500 : link.mtu();
    if (current != mtu) {
      emit(new LinkStep.SetMtu(device, mtu, current));
    }
  }
}

package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.Vlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BondBridge spec resolved for one node: the effective link monitor filled in, VLAN interface
 * names decided, and the node's own static addresses (chosen by {@link AddressAllocator}) in place
 * of the map and the pool. The agent then needs nothing but its BondBridgeNode.
 */
public final class NodeSpecResolver {
  private NodeSpecResolver() {}

  /**
   * @param addresses slot → address for this node, from {@link AddressAllocator.Allocation#of}
   */
  public static BondBridgeNodeSpec resolve(
      String bondBridge,
      long generation,
      BondBridgeSpec spec,
      String node,
      Map<String, String> addresses) {
    Bond bond = spec.bond();
    Bond effective =
        new Bond(
            bond.name(),
            bond.mode(),
            bond.ports(),
            bond.primary(),
            withEffectiveMiimon(bond.optionsOrNone()),
            bond.mtu());
    List<NodeVlan> vlans =
        spec.vlansOrEmpty().stream().map(v -> resolve(v, bond.name(), addresses)).toList();
    return new BondBridgeNodeSpec(
        node,
        bondBridge,
        generation,
        effective,
        vlans.isEmpty() ? null : vlans,
        spec.bridge(),
        resolve(spec.ipv4OrDefault(), addresses.get(AddressAllocator.TOP)),
        spec.probesOrDefault(),
        spec.cleanupOrDefault());
  }

  private static NodeVlan resolve(Vlan vlan, String bondName, Map<String, String> addresses) {
    return new NodeVlan(
        vlan.id(),
        vlan.interfaceName(bondName),
        vlan.mtu(),
        vlan.bridge(),
        vlan.ipv4() == null
            ? null
            : resolve(vlan.ipv4(), addresses.get(AddressAllocator.vlanSlot(vlan.id()))));
  }

  private static NodeIpv4 resolve(Ipv4 ipv4, String address) {
    return switch (ipv4.mode()) {
      case INHERIT -> NodeIpv4.inherit();
      case DHCP -> NodeIpv4.dhcp();
      case NONE -> NodeIpv4.none();
      case STATIC -> new NodeIpv4(ipv4.mode(), address, ipv4.gateway(), ipv4.routes(), ipv4.dns());
    };
  }

  /**
   * The kernel's default miimon is 0: a bond that never notices a dead link. Unless ARP monitoring
   * is chosen, the agent is told miimon 100 explicitly.
   */
  static BondOptions withEffectiveMiimon(BondOptions o) {
    if (o.miimon() != null || (o.arpInterval() != null && o.arpInterval() > 0)) {
      return o;
    }
    return new BondOptions(
        o.effectiveMiimon(),
        o.updelay(),
        o.downdelay(),
        o.peerNotifyDelay(),
        o.useCarrier(),
        o.arpInterval(),
        o.arpIpTargets(),
        o.nsIp6Targets(),
        o.arpValidate(),
        o.arpAllTargets(),
        o.arpMissedMax(),
        o.primaryReselect(),
        o.failOverMac(),
        o.xmitHashPolicy(),
        o.resendIgmp(),
        o.numGratArp(),
        o.numUnsolNa(),
        o.allSlavesActive(),
        o.minLinks(),
        o.lpInterval(),
        o.packetsPerSlave(),
        o.tlbDynamicLb(),
        o.lacpRate(),
        o.lacpActive(),
        o.adSelect(),
        o.adUserPortKey(),
        o.adActorSysPrio(),
        o.adActorSystem());
  }

  /** The addresses an existing spec carries, by slot: what {@link AddressAllocator} keeps. */
  public static Map<String, String> addressesOf(BondBridgeNodeSpec spec) {
    Map<String, String> bySlot = new HashMap<>();
    if (spec == null) {
      return bySlot;
    }
    if (spec.ipv4() != null && spec.ipv4().address() != null) {
      bySlot.put(AddressAllocator.TOP, spec.ipv4().address());
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (vlan.ipv4() != null && vlan.ipv4().address() != null) {
        bySlot.put(AddressAllocator.vlanSlot(vlan.id()), vlan.ipv4().address());
      }
    }
    return bySlot;
  }
}

package io.bondbridge.api.v1alpha1;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BondBridge spec resolved for one node: the effective link monitor filled in, VLAN interface
 * names decided, and the node's own static addresses in place of the map and the pool. The agent
 * then needs nothing but its BondBridgeNode. One resolution for both sides of the contract: the
 * operator (addresses chosen across nodes) and the one-host CLI (addresses from the map).
 *
 * <p>Addresses are given by slot: {@link #TOP_SLOT} for the top interface, {@link #vlanSlot} for a
 * VLAN's.
 */
public final class NodeResolution {
  /** The slot of the top interface's addresses. */
  public static final String TOP_SLOT = "ipv4";

  private NodeResolution() {}

  /** The slot of a VLAN's addresses. */
  public static String vlanSlot(int vlanId) {
    return "vlan." + vlanId;
  }

  /** The slot of the top interface's IPv6 addresses. */
  public static final String TOP_IPV6_SLOT = "ipv6";

  /** The slot of a VLAN's IPv6 addresses. */
  public static String vlanIpv6Slot(int vlanId) {
    return "vlan." + vlanId + ".ipv6";
  }

  /** Each address slot of a spec and its Ipv4, the top interface's first. */
  public static Map<String, Ipv4> slots(BondBridgeSpec spec) {
    Map<String, Ipv4> slots = new LinkedHashMap<>();
    slots.put(TOP_SLOT, spec.ipv4OrDefault());
    for (Vlan vlan : spec.vlansOrEmpty()) {
      if (vlan.ipv4() != null) {
        slots.put(vlanSlot(vlan.id()), vlan.ipv4());
      }
    }
    return slots;
  }

  /**
   * @param generation the BondBridge's metadata.generation; null where there is none (a file)
   * @param addresses slot → this node's address, for every static slot
   */
  public static BondBridgeNodeSpec resolve(
      String bondBridge,
      Long generation,
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
        resolve(spec.ipv4OrDefault(), addresses.get(TOP_SLOT)),
        resolve(spec.ipv6OrDefault(), addresses.get(TOP_IPV6_SLOT)),
        spec.probesOrDefault(),
        spec.cleanupOrDefault(),
        spec.adopt());
  }

  private static NodeVlan resolve(Vlan vlan, String bondName, Map<String, String> addresses) {
    return new NodeVlan(
        vlan.id(),
        vlan.interfaceName(bondName),
        vlan.mtu(),
        vlan.bridge(),
        vlan.ipv4() == null ? null : resolve(vlan.ipv4(), addresses.get(vlanSlot(vlan.id()))),
        vlan.ipv6() == null ? null : resolve(vlan.ipv6(), addresses.get(vlanIpv6Slot(vlan.id()))));
  }

  private static NodeIpv4 resolve(Ipv4 ipv4, String address) {
    return switch (ipv4.mode()) {
      case INHERIT -> NodeIpv4.inherit();
      case DHCP -> NodeIpv4.dhcp();
      case NONE -> NodeIpv4.none();
      case STATIC -> new NodeIpv4(ipv4.mode(), address, ipv4.gateway(), ipv4.routes(), ipv4.dns());
    };
  }

  private static NodeIpv6 resolve(Ipv6 ipv6, String address) {
    return switch (ipv6.mode()) {
      case STATIC -> new NodeIpv6(ipv6.mode(), address, ipv6.gateway(), ipv6.routes());
      default -> new NodeIpv6(ipv6.mode(), null, null, null);
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
    return new BondOptionsBuilder(o).withMiimon(o.effectiveMiimon()).build();
  }

  /** The addresses an existing spec carries, by slot: what the operator's allocation keeps. */
  public static Map<String, String> addressesOf(BondBridgeNodeSpec spec) {
    Map<String, String> bySlot = new HashMap<>();
    if (spec == null) {
      return bySlot;
    }
    if (spec.ipv4() != null && spec.ipv4().address() != null) {
      bySlot.put(TOP_SLOT, spec.ipv4().address());
    }
    if (spec.ipv6() != null && spec.ipv6().address() != null) {
      bySlot.put(TOP_IPV6_SLOT, spec.ipv6().address());
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (vlan.ipv4() != null && vlan.ipv4().address() != null) {
        bySlot.put(vlanSlot(vlan.id()), vlan.ipv4().address());
      }
      if (vlan.ipv6() != null && vlan.ipv6().address() != null) {
        bySlot.put(vlanIpv6Slot(vlan.id()), vlan.ipv6().address());
      }
    }
    return bySlot;
  }
}

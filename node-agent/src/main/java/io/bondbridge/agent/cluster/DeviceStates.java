package io.bondbridge.agent.cluster;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.BridgeVlan;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Lease;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.LinkDns;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.agent.plan.DnsSteps;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.BridgeState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.DnsState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.LeaseState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.PortState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.PortVlans;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.VlanState;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the kernel (and resolved, and the agent's DHCP clients) say of one spec's devices, as the
 * status's records: the bond and its ports, the bridge and its VLAN table, the VLANs, addresses,
 * leases and resolver settings. Pure: the observed host in, values out.
 */
final class DeviceStates {
  private DeviceStates() {}

  static BondBridgeNodeStatus.BondState bond(BondState bond, HostState host) {
    List<PortState> ports = new ArrayList<>();
    for (BondPort port : bond.ports()) {
      String mac = host.link(port.name()).map(Link::mac).orElse(null);
      String permanent =
          port.permanentMac() != null
              ? port.permanentMac()
              : host.link(port.name()).map(Link::permanentMac).orElse(null);
      ports.add(
          new PortState(
              port.name(),
              mac,
              permanent,
              port.miiStatus(),
              port.linkFailures(),
              port.speedMbps(),
              port.duplex(),
              port.state(),
              host.managerFound(port.name()).map(LinkManager::describe).orElse(null)));
    }
    return new BondBridgeNodeStatus.BondState(
        bond.name(), bond.mode(), bond.activePort(), bond.miiStatus(), orNull(ports));
  }

  static BridgeState bridge(BondBridgeNodeSpec spec, HostState host) {
    if (spec.bridge() == null) {
      return null;
    }
    String name = spec.bridge().name();
    if (host.link(name).isEmpty()) {
      return new BridgeState(name, null);
    }
    List<String> ports = host.portsOf(name).stream().map(Link::name).toList();
    List<PortVlans> vlans = new ArrayList<>();
    if (spec.bridge().filtersVlans()) {
      // ours only: the bond's port and the bridge itself (the VMs' ports belong to their CNI)
      for (String device : List.of(spec.bond().name(), name)) {
        List<BridgeVlan> table = host.bridgeVlans().get(device);
        if (table != null && (device.equals(name) || ports.contains(device))) {
          vlans.add(portVlans(device, table));
        }
      }
    }
    return new BridgeState(name, orNull(ports), orNull(vlans));
  }

  /** One port's table: its PVID, and its tagged ids folded into ranges ("100-199"). */
  static PortVlans portVlans(String device, List<BridgeVlan> table) {
    Integer pvid =
        table.stream().filter(BridgeVlan::pvid).map(BridgeVlan::id).findFirst().orElse(null);
    List<String> tagged = new ArrayList<>();
    int[] ids = table.stream().filter(v -> !v.pvid()).mapToInt(BridgeVlan::id).sorted().toArray();
    for (int i = 0; i < ids.length; ) {
      int j = i;
      while (j + 1 < ids.length && ids[j + 1] == ids[j] + 1) {
        j++;
      }
      tagged.add(i == j ? String.valueOf(ids[i]) : ids[i] + "-" + ids[j]);
      i = j + 1;
    }
    return new PortVlans(device, pvid, orNull(tagged));
  }

  static List<VlanState> vlans(BondBridgeNodeSpec spec, HostState host) {
    if (spec.vlansOrEmpty().isEmpty()) {
      return null;
    }
    List<VlanState> vlans = new ArrayList<>();
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (host.link(vlan.name()).isPresent()) {
        vlans.add(new VlanState(vlan.name(), vlan.id(), cidrs(host, vlan.topInterface())));
      }
    }
    return orNull(vlans);
  }

  static List<String> cidrs(HostState host, String device) {
    return orNull(host.addressesOn(device).stream().map(Address::cidr).toList());
  }

  /** The leases the agent's clients hold on this spec's interfaces, top first, DHCPv4 first. */
  static List<LeaseState> leases(BondBridgeNodeSpec spec, HostState host) {
    List<String> devices = new ArrayList<>(List.of(spec.topInterface()));
    spec.vlansOrEmpty().forEach(v -> devices.add(v.topInterface()));
    List<LeaseState> leases = new ArrayList<>();
    for (String device : devices) {
      for (Lease lease :
          Stream.of(host.dhcp().leases().get(device), host.dhcp().leases6().get(device))
              .filter(Objects::nonNull)
              .toList()) {
        leases.add(
            new LeaseState(
                device,
                lease.address(),
                lease.server(),
                lease.gateway(),
                lease.expiry() == null ? null : lease.expiry().toString()));
      }
    }
    return leases.isEmpty() ? null : leases;
  }

  /**
   * What systemd-resolved has for each interface whose resolver the spec sets (see {@link
   * DnsSteps}), read back from it; interfaces it has nothing for are left out.
   */
  static List<DnsState> dns(BondBridgeNodeSpec spec, HostState host) {
    List<DnsState> states = new ArrayList<>();
    for (String device : DnsSteps.wanted(spec).keySet()) {
      LinkDns dns = host.resolved().of(device);
      if (!dns.isEmpty() && host.link(device).isPresent()) {
        states.add(new DnsState(device, orNull(dns.servers()), orNull(dns.domains())));
      }
    }
    return orNull(states);
  }

  /**
   * An empty list is left out, as the API server drops it: the status read back must equal the one
   * written, or an idle node would write it again and again.
   */
  private static <T> List<T> orNull(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }
}

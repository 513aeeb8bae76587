package io.bondbridge.agent.exporter;

import io.bondbridge.agent.plan.KernelBondOption;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's BondBridge as RHEL network-scripts: an {@code ifcfg-NAME} file a device (the ports with
 * {@code MASTER=}, the bond with {@code BONDING_OPTS}, its bridge by {@code BRIDGE=}, the VLANs
 * with {@code VLAN=yes}), each {@code ONBOOT=yes} and {@code NM_CONTROLLED=no}, the addresses on
 * each top interface. Values are double-quoted where the shell needs it.
 */
final class IfcfgExport {
  private final BondBridgeNodeSpec spec;
  private final Exported.Notes notes;
  private final Map<String, String> files = new LinkedHashMap<>();

  IfcfgExport(BondBridgeNodeSpec spec, Exported.Notes notes) {
    this.spec = spec;
    this.notes = notes;
  }

  Map<String, String> files() {
    Bond bond = spec.bond();
    for (PortSelector p : bond.ports()) {
      List<String> port = device(p.name());
      port.add("TYPE=Ethernet");
      port.add("MASTER=" + bond.name());
      port.add("SLAVE=yes");
      port.add("BOOTPROTO=none");
      write(p.name(), port);
    }
    List<String> b = device(bond.name());
    b.add("TYPE=Bond");
    b.add("BONDING_MASTER=yes");
    List<String> opts = new ArrayList<>();
    for (Map.Entry<KernelBondOption, String> o : Exported.options(bond).entrySet()) {
      opts.add(o.getKey().sysfsName() + "=" + o.getValue().replace(' ', ','));
    }
    b.add("BONDING_OPTS=\"" + String.join(" ", opts) + "\"");
    mtu(b, bond.mtu());
    top(b, bond.name(), spec.bridge(), spec.ipv4(), spec.ipv6());
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      List<String> v = device(vlan.name());
      v.add("VLAN=yes");
      if (!vlan.name().equals(bond.name() + "." + vlan.id())) {
        v.add("PHYSDEV=" + bond.name());
        v.add("VLAN_ID=" + vlan.id());
      }
      mtu(v, vlan.mtu());
      top(v, vlan.name(), vlan.bridge(), vlan.ipv4(), vlan.ipv6());
    }
    return files;
  }

  /** The device's own file, or its bridge's: the addresses go on whichever is on top. */
  private void top(List<String> lines, String name, Bridge bridge, NodeIpv4 v4, NodeIpv6 v6) {
    if (bridge == null) {
      addresses(lines, name, v4, v6);
      write(name, lines);
      return;
    }
    lines.add("BRIDGE=" + bridge.name());
    lines.add("BOOTPROTO=none");
    write(name, lines);
    List<String> br = device(bridge.name());
    br.add("TYPE=Bridge");
    br.add("STP=" + (Boolean.TRUE.equals(bridge.stp()) ? "yes" : "no"));
    if (bridge.forwardDelay() != null) {
      br.add("DELAY=" + bridge.forwardDelay());
    }
    mtu(br, bridge.mtu());
    if (Boolean.TRUE.equals(bridge.vlanFiltering())) {
      notes.notWritten(bridge.name(), "vlanFiltering", "initscripts has no key for it");
    }
    addresses(br, bridge.name(), v4, v6);
    write(bridge.name(), br);
  }

  private void addresses(List<String> lines, String name, NodeIpv4 v4, NodeIpv6 v6) {
    if (v4 == null) {
      lines.add("BOOTPROTO=none");
    } else {
      switch (v4.mode()) {
        case DHCP -> lines.add("BOOTPROTO=dhcp");
        case NONE -> lines.add("BOOTPROTO=none");
        case STATIC -> {
          lines.add("BOOTPROTO=none");
          String[] cidr = v4.address().split("/");
          lines.add("IPADDR=" + cidr[0]);
          lines.add("PREFIX=" + cidr[1]);
          if (v4.gateway() != null) {
            lines.add("GATEWAY=" + v4.gateway());
          }
          Ipv4.Dns dns = v4.dns();
          List<String> servers =
              dns == null || dns.nameservers() == null ? List.of() : dns.nameservers();
          for (int i = 0; i < servers.size(); i++) {
            lines.add("DNS" + (i + 1) + "=" + servers.get(i));
          }
          if (dns != null && dns.search() != null && !dns.search().isEmpty()) {
            lines.add("DOMAIN=\"" + String.join(" ", dns.search()) + "\"");
          }
          notes.routes(
              name, v4, "it belongs in route-" + name + ", which import does not read back");
        }
        default -> throw InterfacesExport.inherit(name);
      }
    }
    if (v6 == null) {
      return;
    }
    switch (v6.mode()) {
      case INHERIT -> notes.inheritedIpv6(name);
      case AUTO -> {
        lines.add("IPV6INIT=yes");
        lines.add("IPV6_AUTOCONF=yes");
      }
      case NONE -> {
        lines.add("IPV6INIT=yes");
        lines.add("IPV6_AUTOCONF=no");
      }
      case STATIC -> {
        lines.add("IPV6INIT=yes");
        lines.add("IPV6ADDR=" + v6.address());
        if (v6.gateway() != null) {
          lines.add("IPV6_DEFAULTGW=" + v6.gateway());
        }
        notes.routes(name, v6, "it belongs in route6-" + name);
      }
    }
  }

  private List<String> device(String name) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# BondBridge "
            + spec.bondBridge()
            + " for node "
            + spec.node()
            + ", written by bondbridge export");
    lines.add("DEVICE=" + name);
    lines.add("ONBOOT=yes");
    lines.add("NM_CONTROLLED=no");
    return lines;
  }

  private static void mtu(List<String> lines, Integer mtu) {
    if (mtu != null) {
      lines.add("MTU=" + mtu);
    }
  }

  private void write(String name, List<String> lines) {
    files.put("ifcfg-" + name, String.join("\n", lines) + "\n");
  }
}

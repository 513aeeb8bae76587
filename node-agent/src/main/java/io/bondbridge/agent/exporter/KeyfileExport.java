package io.bondbridge.agent.exporter;

import io.bondbridge.agent.plan.KernelBondOption;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's BondBridge as NetworkManager keyfiles, a profile a device: each port's ({@code master}
 * the bond), the bond's ({@code [bond]} with the kernel's option names), its bridge's, the VLANs'
 * ({@code vlan.parent} the bond), each referring to the others by interface name; the addresses in
 * the top profile's {@code [ipv4]}/{@code [ipv6]} (a port's are ignored by NetworkManager, so none
 * are written).
 *
 * <p>A port names its bond or bridge by {@code master=} and {@code slave-type=}: every
 * NetworkManager reads those (1.46 and later as the old names of {@code controller} and {@code
 * port-type}), while NetworkManager 1.42 (Debian 12, RHEL 9.2) takes {@code controller=} for an
 * unknown key and brings the port up on its own with DHCP: seen with the real daemon in the VM
 * ({@code KeyfileExportKernelIT}).
 */
final class KeyfileExport {
  private final BondBridgeNodeSpec spec;
  private final Exported.Notes notes;
  private final Map<String, String> files = new LinkedHashMap<>();

  KeyfileExport(BondBridgeNodeSpec spec, Exported.Notes notes) {
    this.spec = spec;
    this.notes = notes;
  }

  Map<String, String> files() {
    Bond bond = spec.bond();
    for (PortSelector p : bond.ports()) {
      StringBuilder port = connection(bond.name() + "-" + p.name(), "ethernet", p.name());
      port.append("master=").append(bond.name()).append("\nslave-type=bond\n");
      write(bond.name() + "-" + p.name(), port);
    }
    StringBuilder b = connection(bond.name(), "bond", bond.name());
    StringBuilder bondSection = new StringBuilder("\n[bond]\n");
    for (Map.Entry<KernelBondOption, String> o : Exported.options(bond).entrySet()) {
      bondSection
          .append(o.getKey().sysfsName())
          .append('=')
          .append(o.getValue().replace(' ', ','))
          .append('\n');
    }
    top(b, bondSection, bond.name(), bond.mtu(), spec.bridge(), spec.ipv4(), spec.ipv6());
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      StringBuilder v = connection(vlan.name(), "vlan", vlan.name());
      String section = "\n[vlan]\nid=" + vlan.id() + "\nparent=" + bond.name() + "\n";
      top(
          v,
          new StringBuilder(section),
          vlan.name(),
          vlan.mtu(),
          vlan.bridge(),
          vlan.ipv4(),
          vlan.ipv6());
    }
    return files;
  }

  private void top(
      StringBuilder profile,
      StringBuilder kindSection,
      String name,
      Integer mtu,
      Bridge bridge,
      NodeIpv4 v4,
      NodeIpv6 v6) {
    if (bridge != null) {
      profile.append("master=").append(bridge.name()).append("\nslave-type=bridge\n");
    }
    profile.append(kindSection);
    mtu(profile, mtu);
    if (bridge == null) {
      addresses(profile, name, v4, v6);
      write(name, profile);
      return;
    }
    write(name, profile);
    StringBuilder br = connection(bridge.name(), "bridge", bridge.name());
    br.append("\n[bridge]\nstp=").append(Boolean.TRUE.equals(bridge.stp())).append('\n');
    if (bridge.forwardDelay() != null) {
      br.append("forward-delay=").append(bridge.forwardDelay()).append('\n');
    }
    if (Boolean.TRUE.equals(bridge.vlanFiltering())) {
      notes.notWritten(
          bridge.name(), "vlanFiltering", "bridge.vlan-filtering is not read back by import");
    }
    mtu(br, bridge.mtu());
    addresses(br, bridge.name(), v4, v6);
    write(bridge.name(), br);
  }

  private void addresses(StringBuilder p, String name, NodeIpv4 v4, NodeIpv6 v6) {
    p.append("\n[ipv4]\n");
    if (v4 == null) {
      p.append("method=disabled\n");
    } else {
      switch (v4.mode()) {
        case DHCP -> p.append("method=auto\n");
        case NONE -> p.append("method=disabled\n");
        case STATIC -> {
          p.append("method=manual\naddress1=").append(v4.address());
          if (v4.gateway() != null) {
            p.append(',').append(v4.gateway());
          }
          p.append('\n');
          Ipv4.Dns dns = v4.dns();
          if (dns != null && dns.nameservers() != null && !dns.nameservers().isEmpty()) {
            p.append("dns=").append(String.join(";", dns.nameservers())).append(";\n");
          }
          if (dns != null && dns.search() != null && !dns.search().isEmpty()) {
            p.append("dns-search=").append(String.join(";", dns.search())).append(";\n");
          }
          int i = 1;
          for (Ipv4.Route r : v4.routes() == null ? List.<Ipv4.Route>of() : v4.routes()) {
            route(p, i++, r.to(), r.via(), r.metric());
          }
        }
        default -> throw InterfacesExport.inherit(name);
      }
    }
    if (v6 == null || v6.mode() == io.bondbridge.api.v1alpha1.Ipv6Mode.INHERIT) {
      if (v6 != null) {
        notes.inheritedIpv6(name);
      }
      p.append("\n[ipv6]\nmethod=ignore\n");
      return;
    }
    p.append("\n[ipv6]\n");
    switch (v6.mode()) {
      case AUTO -> p.append("method=auto\n");
      case NONE -> p.append("method=disabled\n");
      default -> {
        p.append("method=manual\naddress1=").append(v6.address()).append('\n');
        if (v6.gateway() != null) {
          p.append("gateway=").append(v6.gateway()).append('\n');
        }
        int i = 1;
        for (Ipv6.Route r : v6.routes() == null ? List.<Ipv6.Route>of() : v6.routes()) {
          route(p, i++, r.to(), r.via(), r.metric());
        }
      }
    }
  }

  private static void route(StringBuilder p, int n, String to, String via, Integer metric) {
    p.append("route").append(n).append('=').append(to);
    if (via != null || metric != null) {
      p.append(',').append(via == null ? "" : via);
    }
    if (metric != null) {
      p.append(',').append(metric);
    }
    p.append('\n');
  }

  private StringBuilder connection(String id, String type, String device) {
    return new StringBuilder()
        .append("# BondBridge ")
        .append(spec.bondBridge())
        .append(" for node ")
        .append(spec.node())
        .append(", written by bondbridge export\n[connection]\nid=")
        .append(id)
        .append("\ntype=")
        .append(type)
        .append("\ninterface-name=")
        .append(device)
        .append('\n');
  }

  private static void mtu(StringBuilder p, Integer mtu) {
    if (mtu != null) {
      p.append("\n[ethernet]\nmtu=").append(mtu).append('\n');
    }
  }

  private void write(String name, StringBuilder profile) {
    files.put(name + ".nmconnection", profile.toString());
  }
}

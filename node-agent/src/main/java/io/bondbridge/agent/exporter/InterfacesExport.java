package io.bondbridge.agent.exporter;

import io.bondbridge.agent.plan.KernelBondOption;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.Map;
import java.util.Set;

/**
 * A node's BondBridge as ifupdown stanzas, in an order {@code ifup -a} brings up without waiting on
 * itself (seed 000's pitfall was a bridge whose {@code pre-up ifup bond0} deadlocked a restart):
 * the bond first, with {@code bond-slaves} (ifenslave enslaves the ports), then its bridge, then
 * the VLANs and their bridges. Addresses go on the top interface of each.
 */
final class InterfacesExport {
  /** The bonding options ifenslave's scripts do not set: the file cannot say them. */
  private static final Set<KernelBondOption> NOT_IN_IFENSLAVE =
      Set.of(
          KernelBondOption.PEER_NOTIFY_DELAY,
          KernelBondOption.ARP_MISSED_MAX,
          KernelBondOption.LACP_ACTIVE,
          KernelBondOption.NS_IP6_TARGET);

  private final BondBridgeNodeSpec spec;
  private final Exported.Notes notes;
  private final StringBuilder out = new StringBuilder();

  InterfacesExport(BondBridgeNodeSpec spec, Exported.Notes notes) {
    this.spec = spec;
    this.notes = notes;
  }

  String text() {
    out.append("# BondBridge ")
        .append(spec.bondBridge())
        .append(" for node ")
        .append(spec.node())
        .append(", written by bondbridge export\n");
    Bond bond = spec.bond();
    Bridge bridge = spec.bridge();
    stanza(bond.name(), bridge == null ? spec.ipv4() : null);
    line("bond-slaves", String.join(" ", bond.ports().stream().map(PortSelector::name).toList()));
    for (Map.Entry<KernelBondOption, String> o : Exported.options(bond).entrySet()) {
      if (NOT_IN_IFENSLAVE.contains(o.getKey())) {
        notes.option(
            bond.name(), o.getKey(), o.getValue(), "ifenslave has no bond- keyword for it");
      } else {
        line("bond-" + o.getKey().sysfsName().replace('_', '-'), o.getValue());
      }
    }
    mtu(bond.mtu());
    if (bridge == null) {
      ipv6(bond.name(), spec.ipv6());
    } else {
      bridge(bridge, bond.name(), spec.ipv4(), spec.ipv6());
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      Bridge onTop = vlan.bridge();
      stanza(vlan.name(), onTop == null ? vlan.ipv4() : null);
      if (!vlan.name().equals(bond.name() + "." + vlan.id())) {
        line("vlan-raw-device", bond.name());
        notes.add(
            vlan.name()
                + ": VLAN "
                + vlan.id()
                + " by vlan-raw-device: ifupdown takes the id from the name's digits");
      }
      mtu(vlan.mtu());
      if (onTop == null) {
        ipv6(vlan.name(), vlan.ipv6());
      } else {
        bridge(onTop, vlan.name(), vlan.ipv4(), vlan.ipv6());
      }
    }
    return out.toString();
  }

  private void bridge(Bridge bridge, String port, NodeIpv4 ipv4, NodeIpv6 ipv6) {
    stanza(bridge.name(), ipv4);
    line("bridge_ports", port);
    line("bridge_stp", Boolean.TRUE.equals(bridge.stp()) ? "on" : "off");
    if (bridge.forwardDelay() != null) {
      line("bridge_fd", String.valueOf(bridge.forwardDelay()));
    }
    mtu(bridge.mtu());
    if (Boolean.TRUE.equals(bridge.vlanFiltering())) {
      notes.notWritten(bridge.name(), "vlanFiltering", "bridge-utils' keywords have none");
    }
    ipv6(bridge.name(), ipv6);
  }

  /** {@code auto NAME} and {@code iface NAME inet METHOD}, with the IPv4 lines if it has them. */
  private void stanza(String name, NodeIpv4 ipv4) {
    out.append("\nauto ").append(name).append('\n');
    if (ipv4 == null || ipv4.mode() == Ipv4Mode.NONE) {
      out.append("iface ").append(name).append(" inet manual\n");
      return;
    }
    switch (ipv4.mode()) {
      case DHCP -> out.append("iface ").append(name).append(" inet dhcp\n");
      case STATIC -> {
        out.append("iface ").append(name).append(" inet static\n");
        line("address", ipv4.address());
        if (ipv4.gateway() != null) {
          line("gateway", ipv4.gateway());
        }
        notes.routes(
            name,
            ipv4,
            "ifupdown has no route keyword (an up command would run as root at every ifup)");
        Ipv4.Dns dns = ipv4.dns();
        if (dns != null && dns.nameservers() != null && !dns.nameservers().isEmpty()) {
          line("dns-nameservers", String.join(" ", dns.nameservers()));
        }
        if (dns != null && dns.search() != null && !dns.search().isEmpty()) {
          line("dns-search", String.join(" ", dns.search()));
        }
      }
      default -> throw inherit(name);
    }
  }

  private void ipv6(String name, NodeIpv6 ipv6) {
    if (ipv6 == null || ipv6.mode() == Ipv6Mode.NONE) {
      return;
    }
    if (ipv6.mode() == Ipv6Mode.INHERIT) {
      notes.inheritedIpv6(name);
      return;
    }
    switch (ipv6.mode()) {
      case AUTO -> out.append("iface ").append(name).append(" inet6 auto\n");
      case STATIC -> {
        out.append("iface ").append(name).append(" inet6 static\n");
        line("address", ipv6.address());
        if (ipv6.gateway() != null) {
          line("gateway", ipv6.gateway());
        }
        notes.routes(name, ipv6, "ifupdown has no route keyword");
      }
      default -> throw inherit(name);
    }
  }

  static IllegalArgumentException inherit(String name) {
    return new IllegalArgumentException(
        name
            + ": inherit moves what the host has now, which no file knows: export a spec with a"
            + " static, dhcp or none address");
  }

  private void mtu(Integer mtu) {
    if (mtu != null) {
      line("mtu", String.valueOf(mtu));
    }
  }

  private void line(String key, String value) {
    out.append("    ").append(key).append(' ').append(value).append('\n');
  }
}

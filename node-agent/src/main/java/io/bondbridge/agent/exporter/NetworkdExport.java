package io.bondbridge.agent.exporter;

import io.bondbridge.agent.plan.BridgeVlanStep;
import io.bondbridge.agent.plan.KernelBondOption;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.VlanRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's BondBridge as systemd-networkd's own files (systemd.netdev(5), systemd.network(5)), for
 * /etc/systemd/network: a {@code .netdev} for each device BondBridge makes (the bond with its
 * {@code [Bond]} options, the bridge, the VLANs) and a {@code .network} for each interface networkd
 * then configures: each port into the bond (the primary with {@code PrimarySlave=}), the bond into
 * its bridge and its VLANs, and the addresses, routes and name servers on each top interface.
 * networkd orders the bring-up itself, so no file waits on another.
 */
final class NetworkdExport {
  private static final String PREFIX = "10-bondbridge-";

  /** Kernel option to its [Bond] key; the times in milliseconds (lp_interval in seconds). */
  private static final Map<KernelBondOption, String> KEYS =
      Map.ofEntries(
          Map.entry(KernelBondOption.MODE, "Mode"),
          Map.entry(KernelBondOption.MIIMON, "MIIMonitorSec"),
          Map.entry(KernelBondOption.UPDELAY, "UpDelaySec"),
          Map.entry(KernelBondOption.DOWNDELAY, "DownDelaySec"),
          Map.entry(KernelBondOption.ARP_INTERVAL, "ARPIntervalSec"),
          Map.entry(KernelBondOption.ARP_IP_TARGET, "ARPIPTargets"),
          Map.entry(KernelBondOption.ARP_VALIDATE, "ARPValidate"),
          Map.entry(KernelBondOption.ARP_ALL_TARGETS, "ARPAllTargets"),
          Map.entry(KernelBondOption.PRIMARY_RESELECT, "PrimaryReselectPolicy"),
          Map.entry(KernelBondOption.FAIL_OVER_MAC, "FailOverMACPolicy"),
          Map.entry(KernelBondOption.XMIT_HASH_POLICY, "TransmitHashPolicy"),
          Map.entry(KernelBondOption.RESEND_IGMP, "ResendIGMP"),
          Map.entry(KernelBondOption.NUM_GRAT_ARP, "GratuitousARP"),
          Map.entry(KernelBondOption.ALL_SLAVES_ACTIVE, "AllSlavesActive"),
          Map.entry(KernelBondOption.MIN_LINKS, "MinLinks"),
          Map.entry(KernelBondOption.LP_INTERVAL, "LearnPacketIntervalSec"),
          Map.entry(KernelBondOption.PACKETS_PER_SLAVE, "PacketsPerSlave"),
          Map.entry(KernelBondOption.TLB_DYNAMIC_LB, "DynamicTransmitLoadBalancing"),
          Map.entry(KernelBondOption.LACP_RATE, "LACPTransmitRate"),
          Map.entry(KernelBondOption.AD_SELECT, "AdSelect"),
          Map.entry(KernelBondOption.AD_USER_PORT_KEY, "AdUserPortKey"),
          Map.entry(KernelBondOption.AD_ACTOR_SYS_PRIO, "AdActorSystemPriority"),
          Map.entry(KernelBondOption.AD_ACTOR_SYSTEM, "AdActorSystem"));

  private final BondBridgeNodeSpec spec;
  private final Exported.Notes notes;
  private final Map<String, String> files = new LinkedHashMap<>();

  NetworkdExport(BondBridgeNodeSpec spec, Exported.Notes notes) {
    this.spec = spec;
    this.notes = notes;
  }

  Map<String, String> files() {
    Bond bond = spec.bond();
    for (PortSelector port : bond.ports()) {
      SystemdUnit network = match(port.name());
      SystemdUnit.Section into = network.section("Network").key("Bond", bond.name());
      if (port.name().equals(bond.primary())) {
        into.key("PrimarySlave", "yes");
      }
      put(port.name() + ".network", network);
    }
    SystemdUnit bondNetdev = netdev(bond.name(), "bond", bond.mtu());
    SystemdUnit.Section options = bondNetdev.section("Bond");
    for (Map.Entry<KernelBondOption, String> o : Exported.options(bond).entrySet()) {
      String key = KEYS.get(o.getKey());
      if (o.getKey() == KernelBondOption.PRIMARY) {
        continue; // the port's PrimarySlave=
      } else if (key == null) {
        notes.option(bond.name(), o.getKey(), o.getValue(), "systemd-networkd has no [Bond] key");
      } else {
        options.key(key, value(o.getKey(), o.getValue()));
      }
    }
    put(bond.name() + ".netdev", bondNetdev);

    SystemdUnit bondNetwork = match(bond.name());
    SystemdUnit.Section on = bondNetwork.section("Network");
    spec.vlansOrEmpty().forEach(v -> on.key("VLAN", v.name()));
    top(bondNetwork, bond.name(), spec.bridge(), spec.ipv4(), spec.ipv6());
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      put(
          vlan.name() + ".netdev",
          netdev(vlan.name(), "vlan", vlan.mtu()).section("VLAN").key("Id", vlan.id()).unit());
      top(match(vlan.name()), vlan.name(), vlan.bridge(), vlan.ipv4(), vlan.ipv6());
    }
    return files;
  }

  /**
   * The interface's .network: into its bridge, whose own files hold the addresses, or the addresses
   * on it.
   */
  private void top(SystemdUnit network, String name, Bridge bridge, NodeIpv4 v4, NodeIpv6 v6) {
    if (bridge == null) {
      addresses(network, name, v4, v6);
      put(name + ".network", network);
      return;
    }
    network.section("Network").key("Bridge", bridge.name());
    boolean filtering = Boolean.TRUE.equals(bridge.vlanFiltering());
    if (filtering) {
      vlanTable(network, bridge.pvid(), bridge.trunk());
    }
    put(name + ".network", network);
    SystemdUnit.Section b = netdev(bridge.name(), "bridge", bridge.mtu()).section("Bridge");
    b.key("STP", yesNo(Boolean.TRUE.equals(bridge.stp())));
    if (bridge.forwardDelay() != null) {
      b.key("ForwardDelaySec", bridge.forwardDelay());
    }
    if (filtering) {
      b.key("VLANFiltering", "yes");
      if (bridge.pvid() != null) {
        // the PVID the kernel gives each port and the bridge itself when they join: so no port
        // keeps VLAN 1 beside it, which [BridgeVLAN] cannot take away (networkd 252 only adds)
        b.key("DefaultPVID", bridge.pvid());
      }
    }
    put(bridge.name() + ".netdev", b.unit());
    SystemdUnit bridgeNetwork = match(bridge.name());
    addresses(bridgeNetwork, bridge.name(), v4, v6);
    if (filtering) {
      vlanTable(bridgeNetwork, bridge.pvid(), bridge.self()); // the bridge's own, "self"
    }
    put(bridge.name() + ".network", bridgeNetwork);
  }

  private void addresses(SystemdUnit network, String name, NodeIpv4 v4, NodeIpv6 v6) {
    SystemdUnit.Section on = network.section("Network");
    boolean dhcp4 = v4 != null && v4.mode() == Ipv4Mode.DHCP;
    boolean dhcp6 = v6 != null && v6.mode() == Ipv6Mode.AUTO;
    if (dhcp4 || dhcp6) {
      on.key("DHCP", dhcp4 && dhcp6 ? "yes" : dhcp4 ? "ipv4" : "ipv6");
    }
    List<Route> routes = new ArrayList<>();
    if (v4 != null) {
      switch (v4.mode()) {
        case DHCP, NONE -> {}
        case STATIC -> {
          on.key("Address", v4.address());
          if (v4.gateway() != null) {
            on.key("Gateway", v4.gateway());
          }
          Ipv4.Dns dns = v4.dns();
          if (dns != null && dns.nameservers() != null) {
            dns.nameservers().forEach(n -> on.key("DNS", n));
          }
          if (dns != null && dns.search() != null) {
            on.key("Domains", String.join(" ", dns.search()));
          }
          for (Ipv4.Route r : v4.routes() == null ? List.<Ipv4.Route>of() : v4.routes()) {
            routes.add(new Route(r.to(), r.via(), r.metric()));
          }
        }
        default -> throw InterfacesExport.inherit(name);
      }
    }
    if (v6 != null && v6.mode() == Ipv6Mode.INHERIT) {
      notes.inheritedIpv6(name);
    } else if (v6 != null) {
      switch (v6.mode()) {
        case AUTO -> on.key("IPv6AcceptRA", "yes");
        case NONE -> on.key("IPv6AcceptRA", "no");
        case STATIC -> {
          on.key("IPv6AcceptRA", "no").key("Address", v6.address());
          if (v6.gateway() != null) {
            on.key("Gateway", v6.gateway());
          }
          for (Ipv6.Route r : v6.routes() == null ? List.<Ipv6.Route>of() : v6.routes()) {
            routes.add(new Route(r.to(), r.via(), r.metric()));
          }
        }
        default -> throw InterfacesExport.inherit(name);
      }
    }
    for (Route r : routes) {
      SystemdUnit.Section route = network.newSection("Route").key("Destination", r.to());
      if (r.via() != null) {
        route.key("Gateway", r.via());
      }
      if (r.metric() != null) {
        route.key("Metric", r.metric());
      }
    }
  }

  /**
   * A bridge port's VLAN table (or the bridge's own, in its .network): its PVID, untagged, and each
   * tagged range, a [BridgeVLAN] section each. No pvid: the kernel's default, VLAN 1.
   */
  private static void vlanTable(SystemdUnit network, Integer pvid, List<VlanRange> tagged) {
    if (pvid != null) {
      network.newSection("BridgeVLAN").key("PVID", pvid).key("EgressUntagged", pvid);
    }
    for (VlanRange r : tagged == null ? List.<VlanRange>of() : tagged) {
      network.newSection("BridgeVLAN").key("VLAN", BridgeVlanStep.vids(r.first(), r.last()));
    }
  }

  /** A [Route] section's content, IPv4 or IPv6. */
  private record Route(String to, String via, Integer metric) {}

  /** The kernel's value as networkd writes it: times with their unit, flags as yes and no. */
  private static String value(KernelBondOption option, String value) {
    return switch (option) {
      case MIIMON, UPDELAY, DOWNDELAY, ARP_INTERVAL -> value + "ms";
      case LP_INTERVAL -> value + "s";
      case ALL_SLAVES_ACTIVE, TLB_DYNAMIC_LB -> yesNo("1".equals(value));
      default -> value;
    };
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static SystemdUnit netdev(String name, String kind, Integer mtu) {
    SystemdUnit unit = new SystemdUnit();
    SystemdUnit.Section netdev = unit.section("NetDev").key("Name", name).key("Kind", kind);
    if (mtu != null) {
      netdev.key("MTUBytes", mtu);
    }
    return unit;
  }

  private static SystemdUnit match(String name) {
    SystemdUnit unit = new SystemdUnit();
    unit.section("Match").key("Name", name);
    return unit;
  }

  /** The file, its name in its first line: printed together, the files stay apart. */
  private void put(String name, SystemdUnit unit) {
    String file = PREFIX + name;
    files.put(
        file,
        "# "
            + file
            + ": BondBridge "
            + spec.bondBridge()
            + " for node "
            + spec.node()
            + ", written by bondbridge export\n"
            + unit.text());
  }
}

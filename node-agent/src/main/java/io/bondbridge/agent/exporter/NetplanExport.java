package io.bondbridge.agent.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.bondbridge.agent.plan.KernelBondOption;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node's BondBridge as one netplan file for systemd-networkd: the ports (addresses off), the bond
 * with its {@code parameters} (times in milliseconds), its bridge, the VLANs by {@code link}, and
 * the addresses, routes and name servers on each top interface.
 */
final class NetplanExport {
  /** Kernel option to netplan parameter; the ones netplan has no key for are named. */
  private static final Map<KernelBondOption, String> PARAMETERS =
      Map.ofEntries(
          Map.entry(KernelBondOption.MODE, "mode"),
          Map.entry(KernelBondOption.PRIMARY, "primary"),
          Map.entry(KernelBondOption.MIIMON, "mii-monitor-interval"),
          Map.entry(KernelBondOption.UPDELAY, "up-delay"),
          Map.entry(KernelBondOption.DOWNDELAY, "down-delay"),
          Map.entry(KernelBondOption.ARP_INTERVAL, "arp-interval"),
          Map.entry(KernelBondOption.ARP_VALIDATE, "arp-validate"),
          Map.entry(KernelBondOption.ARP_ALL_TARGETS, "arp-all-targets"),
          Map.entry(KernelBondOption.PRIMARY_RESELECT, "primary-reselect-policy"),
          Map.entry(KernelBondOption.FAIL_OVER_MAC, "fail-over-mac-policy"),
          Map.entry(KernelBondOption.XMIT_HASH_POLICY, "transmit-hash-policy"),
          Map.entry(KernelBondOption.RESEND_IGMP, "resend-igmp"),
          Map.entry(KernelBondOption.NUM_GRAT_ARP, "gratuitous-arp"),
          Map.entry(KernelBondOption.ALL_SLAVES_ACTIVE, "all-members-active"),
          Map.entry(KernelBondOption.MIN_LINKS, "min-links"),
          Map.entry(KernelBondOption.LP_INTERVAL, "learn-packet-interval"),
          Map.entry(KernelBondOption.PACKETS_PER_SLAVE, "packets-per-member"),
          Map.entry(KernelBondOption.LACP_RATE, "lacp-rate"),
          Map.entry(KernelBondOption.AD_SELECT, "ad-select"));

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final BondBridgeNodeSpec spec;
  private final Exported.Notes notes;

  NetplanExport(BondBridgeNodeSpec spec, Exported.Notes notes) {
    this.spec = spec;
    this.notes = notes;
  }

  String text() {
    ObjectNode root = YAML.createObjectNode();
    ObjectNode network = root.putObject("network");
    network.put("version", 2);
    network.put("renderer", "networkd");
    Bond bond = spec.bond();
    ObjectNode ethernets = network.putObject("ethernets");
    List<String> ports = bond.ports().stream().map(PortSelector::name).toList();
    ports.forEach(p -> ethernets.putObject(p).put("dhcp4", false).put("dhcp6", false));
    ObjectNode b = network.putObject("bonds").putObject(bond.name());
    ArrayNode interfaces = b.putArray("interfaces");
    ports.forEach(interfaces::add);
    ObjectNode parameters = b.putObject("parameters");
    for (Map.Entry<KernelBondOption, String> o : Exported.options(bond).entrySet()) {
      String key = PARAMETERS.get(o.getKey());
      if (o.getKey() == KernelBondOption.ARP_IP_TARGET) {
        ArrayNode targets = parameters.putArray("arp-ip-targets");
        List.of(o.getValue().split(" ")).forEach(targets::add);
      } else if (key == null) {
        notes.option(bond.name(), o.getKey(), o.getValue(), "netplan has no bond parameter for it");
      } else if (o.getValue().matches("\\d+")) {
        parameters.put(key, Long.parseLong(o.getValue()));
      } else {
        parameters.put(key, o.getValue());
      }
    }
    mtu(b, bond.mtu());
    Bridge bridge = spec.bridge();
    if (bridge == null) {
      addresses(b, bond.name(), spec.ipv4(), spec.ipv6());
    } else {
      bridge(network, bridge, bond.name(), spec.ipv4(), spec.ipv6());
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      ObjectNode v = network.with("vlans").putObject(vlan.name());
      v.put("id", vlan.id());
      v.put("link", bond.name());
      mtu(v, vlan.mtu());
      if (vlan.bridge() == null) {
        addresses(v, vlan.name(), vlan.ipv4(), vlan.ipv6());
      } else {
        bridge(network, vlan.bridge(), vlan.name(), vlan.ipv4(), vlan.ipv6());
      }
    }
    try {
      return "# BondBridge "
          + spec.bondBridge()
          + " for node "
          + spec.node()
          + ", written by bondbridge export\n"
          + YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a YAML tree that Jackson cannot write", e);
    }
  }

  private void bridge(ObjectNode network, Bridge bridge, String port, NodeIpv4 v4, NodeIpv6 v6) {
    ObjectNode br = network.with("bridges").putObject(bridge.name());
    br.putArray("interfaces").add(port);
    ObjectNode parameters = br.putObject("parameters");
    parameters.put("stp", Boolean.TRUE.equals(bridge.stp()));
    if (bridge.forwardDelay() != null) {
      parameters.put("forward-delay", bridge.forwardDelay());
    }
    mtu(br, bridge.mtu());
    if (Boolean.TRUE.equals(bridge.vlanFiltering())) {
      notes.notWritten(bridge.name(), "vlanFiltering", "netplan has no key for it");
    }
    addresses(br, bridge.name(), v4, v6);
  }

  private void addresses(ObjectNode device, String name, NodeIpv4 v4, NodeIpv6 v6) {
    List<String> addresses = new ArrayList<>();
    ArrayNode routes = YAML.createArrayNode();
    if (v4 != null) {
      switch (v4.mode()) {
        case DHCP -> device.put("dhcp4", true);
        case NONE -> device.put("dhcp4", false);
        case STATIC -> {
          device.put("dhcp4", false);
          addresses.add(v4.address());
          if (v4.gateway() != null) {
            routes.addObject().put("to", "default").put("via", v4.gateway());
          }
          for (Ipv4.Route r : v4.routes() == null ? List.<Ipv4.Route>of() : v4.routes()) {
            route(routes, r.to(), r.via(), r.metric());
          }
          Ipv4.Dns dns = v4.dns();
          if (dns != null) {
            ObjectNode ns = device.putObject("nameservers");
            if (dns.nameservers() != null) {
              dns.nameservers().forEach(ns.putArray("addresses")::add);
            }
            if (dns.search() != null) {
              dns.search().forEach(ns.putArray("search")::add);
            }
          }
        }
        default -> throw InterfacesExport.inherit(name);
      }
    }
    if (v6 != null && v6.mode() == Ipv6Mode.INHERIT) {
      notes.inheritedIpv6(name);
    } else if (v6 != null) {
      switch (v6.mode()) {
        case AUTO -> device.put("dhcp6", true).put("accept-ra", true);
        case NONE -> device.put("dhcp6", false).put("accept-ra", false);
        case STATIC -> {
          device.put("accept-ra", false);
          addresses.add(v6.address());
          if (v6.gateway() != null) {
            routes.addObject().put("to", "::/0").put("via", v6.gateway());
          }
          for (Ipv6.Route r : v6.routes() == null ? List.<Ipv6.Route>of() : v6.routes()) {
            route(routes, r.to(), r.via(), r.metric());
          }
        }
        default -> throw InterfacesExport.inherit(name);
      }
    }
    if (!addresses.isEmpty()) {
      addresses.forEach(device.putArray("addresses")::add);
    }
    if (!routes.isEmpty()) {
      device.set("routes", routes);
    }
  }

  private static void route(ArrayNode routes, String to, String via, Integer metric) {
    ObjectNode route = routes.addObject().put("to", to);
    if (via != null) {
      route.put("via", via);
    }
    if (metric != null) {
      route.put("metric", metric);
    }
  }

  private static void mtu(ObjectNode device, Integer mtu) {
    if (mtu != null) {
      device.put("mtu", mtu);
    }
  }
}

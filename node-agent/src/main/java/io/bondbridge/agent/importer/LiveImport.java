package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.importer.InterfacesImport.Imported;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running host to a BondBridge: for bonds that no file describes (made by hand with {@code ip}
 * or {@code ifenslave}, as seed 001's admin did). The bond as the kernel reports it (its ports, its
 * mode, every option that is not the kernel's default), the bridge it is a port of, its VLANs and
 * their bridges, and the top interface's addresses: one not set by a DHCP client is {@code static},
 * a dynamic one {@code dhcp} (IPv4) or {@code auto} (IPv6), with the default route's gateway and
 * the other routes through it. Pure: a {@link HostState} in, a document and notes out.
 */
final class LiveImport {
  /** The kernel's defaults (bonding.rst), in the form the host is read in: not written. */
  private static final Map<String, String> KERNEL_DEFAULTS =
      Map.ofEntries(
          Map.entry("miimon", "0"),
          Map.entry("updelay", "0"),
          Map.entry("downdelay", "0"),
          Map.entry("peer_notif_delay", "0"),
          Map.entry("use_carrier", "1"),
          Map.entry("arp_interval", "0"),
          Map.entry("arp_ip_target", ""),
          Map.entry("ns_ip6_target", ""),
          Map.entry("arp_validate", "none"),
          Map.entry("arp_all_targets", "any"),
          Map.entry("arp_missed_max", "2"),
          Map.entry("primary", ""),
          Map.entry("primary_reselect", "always"),
          Map.entry("fail_over_mac", "none"),
          Map.entry("xmit_hash_policy", "layer2"),
          Map.entry("resend_igmp", "1"),
          Map.entry("num_grat_arp", "1"),
          Map.entry("num_unsol_na", "1"),
          Map.entry("all_slaves_active", "0"),
          Map.entry("min_links", "0"),
          Map.entry("lp_interval", "1"),
          Map.entry("packets_per_slave", "1"),
          Map.entry("tlb_dynamic_lb", "1"),
          Map.entry("lacp_rate", "slow"),
          Map.entry("lacp_active", "on"),
          Map.entry("ad_select", "stable"),
          Map.entry("ad_user_port_key", "0"),
          Map.entry("ad_actor_sys_prio", "65535"),
          Map.entry("ad_actor_system", "00:00:00:00:00:00"));

  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final List<String> notes = new ArrayList<>();
  private final HostState host;
  private final String node;

  private LiveImport(HostState host, String node) {
    this.host = host;
    this.node = node;
  }

  /** The bond named {@code bondName}, or the first bond of the host when it is null. */
  static Imported of(HostState host, String bondName, String node, String name) {
    return new LiveImport(host, node).run(bondName, name);
  }

  private Imported run(String bondName, String name) {
    List<String> bonds =
        host.links().values().stream().filter(Link::isBond).map(Link::name).sorted().toList();
    if (bonds.isEmpty()) {
      throw new IllegalArgumentException("no bond here: the host has no bond device");
    }
    String chosen = bondName != null ? bondName : bonds.get(0);
    if (!bonds.contains(chosen)) {
      throw new IllegalArgumentException(
          "no bond " + chosen + " here: the host has " + String.join(", ", bonds));
    }
    bonds.stream()
        .filter(b -> !b.equals(chosen))
        .forEach(
            b ->
                notes.add(
                    b + ": not imported (one bond a BondBridge; import --live " + b + " for it)"));
    ObjectNode spec = ImportedSpec.forNode(node);
    spec.set("bond", bond(chosen));
    Optional<Link> bridge = bridgeOf(chosen);
    bridge.ifPresent(b -> spec.set("bridge", bridge(b)));
    ArrayNode vlans = json.arrayNode();
    for (Link v : host.links().values()) {
      if (v.isVlan() && chosen.equals(v.parent())) {
        vlans.add(vlan(chosen, v));
      }
    }
    if (!vlans.isEmpty()) {
      spec.set("vlans", vlans);
    }
    String top = bridge.map(Link::name).orElse(chosen);
    spec.set("ipv4", ipv4(top));
    ipv6(top).ifPresent(v -> spec.set("ipv6", v));
    return new Imported(ImportedSpec.document(name, chosen, spec), notes);
  }

  private ObjectNode bond(String name) {
    BondState state = host.bonds().get(name);
    ObjectNode bond = json.objectNode().put("name", name);
    // the ports as the links name their master, in the kernel's order (ifindex)
    List<String> ports =
        host.links().values().stream()
            .filter(l -> name.equals(l.master()))
            .map(Link::name)
            .toList();
    bond.put("mode", state == null ? "balance-rr" : BondKeys.mode(state.mode()));
    ArrayNode list = bond.putArray("ports");
    ports.forEach(p -> list.addObject().put("name", p));
    ObjectNode options = json.objectNode();
    if (state != null) {
      for (Map.Entry<String, String> o : state.options().entrySet()) {
        String value = o.getValue() == null ? "" : o.getValue().strip();
        // the settings only (sysfs lists states beside them: slaves, mii_status, ad_*_key), and
        // those the mode has (the others read empty) and that are not the kernel's default
        if (!KERNEL_DEFAULTS.containsKey(o.getKey())
            || value.isEmpty()
            || value.equals(KERNEL_DEFAULTS.get(o.getKey()))) {
          continue;
        }
        try {
          BondKeys.kernelOption(o.getKey(), value, bond, options, ports)
              .ifPresent(
                  why ->
                      notes.add(name + ": " + o.getKey() + " " + value + ": not carried: " + why));
        } catch (NumberFormatException e) {
          notes.add(name + ": " + o.getKey() + " " + value + ": not carried: not a whole number");
        }
      }
    }
    Carried monitor = new Carried();
    ImportedSpec.oneLinkMonitor(monitor, options, name, "arp_interval");
    notes.addAll(monitor.notes(List.of()));
    if (!options.isEmpty()) {
      bond.set("options", options);
    }
    mtu(bond, host.links().get(name));
    return bond;
  }

  private Optional<Link> bridgeOf(String port) {
    Link link = host.links().get(port);
    if (link == null || link.master() == null) {
      return Optional.empty();
    }
    Link master = host.links().get(link.master());
    return master != null && master.isBridge() ? Optional.of(master) : Optional.empty();
  }

  private ObjectNode bridge(Link b) {
    ObjectNode bridge = json.objectNode().put("name", b.name());
    List<String> ports =
        host.links().values().stream()
            .filter(l -> b.name().equals(l.master()))
            .map(Link::name)
            .toList();
    if (ports.size() > 1) {
      notes.add(
          b.name()
              + ": ports "
              + String.join(" ", ports)
              + ": a BondBridge bridge has the bond (or its VLAN) as its only port");
    }
    String stp = b.kindData().get("stp_state");
    bridge.put("stp", stp != null && !stp.equals("0"));
    String delay = b.kindData().get("forward_delay");
    if (delay != null && delay.matches("\\d+")) {
      bridge.put("forwardDelay", Integer.parseInt(delay) / 100); // the kernel counts centiseconds
    }
    ImportedSpec.dropIdleForwardDelay(bridge);
    mtu(bridge, b);
    return bridge;
  }

  private ObjectNode vlan(String bondName, Link v) {
    ObjectNode vlan = json.objectNode().put("id", v.vlanId());
    if (!v.name().equals(bondName + "." + v.vlanId())) {
      vlan.put("name", v.name());
    }
    mtu(vlan, v);
    Optional<Link> bridge = bridgeOf(v.name());
    bridge.ifPresent(b -> vlan.set("bridge", bridge(b)));
    vlan.set("ipv4", ipv4(bridge.map(Link::name).orElse(v.name())));
    return vlan;
  }

  private ObjectNode ipv4(String device) {
    ObjectNode ipv4 = json.objectNode();
    List<Address> addresses = global(device, false);
    if (addresses.isEmpty()) {
      return ipv4.put("mode", "none");
    }
    Address first = addresses.get(0);
    addresses.stream().skip(1).forEach(a -> extra(device, a));
    if (first.dynamic()) {
      return ipv4.put("mode", "dhcp"); // a lifetime: a DHCP client set it, and renews it
    }
    ipv4.put("mode", "static");
    ipv4.putObject("addresses").put(node, first.cidr());
    routes(device, false, ipv4);
    return ipv4;
  }

  private Optional<ObjectNode> ipv6(String device) {
    List<Address> addresses = global(device, true);
    if (addresses.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode ipv6 = json.objectNode();
    Optional<Address> fixed = addresses.stream().filter(a -> !a.dynamic()).findFirst();
    if (fixed.isEmpty()) {
      return Optional.of(ipv6.put("mode", "auto")); // SLAAC or DHCPv6 made them
    }
    ipv6.put("mode", "static");
    ipv6.putObject("addresses").put(node, fixed.get().cidr());
    addresses.stream().filter(a -> a != fixed.get() && !a.dynamic()).forEach(a -> extra(device, a));
    routes(device, true, ipv6);
    return Optional.of(ipv6);
  }

  private List<Address> global(String device, boolean v6) {
    return host.addresses().stream()
        .filter(a -> device.equals(a.device()) && a.cidr().contains(":") == v6)
        .filter(a -> !a.cidr().startsWith("fe80:") && !a.cidr().startsWith("127."))
        .toList();
  }

  private void extra(String device, Address a) {
    notes.add(
        device
            + ": "
            + a.cidr()
            + ": not carried: BondBridge gives a node one address a family on an interface");
  }

  /** The default route's gateway, and the other routes through the device with a next hop. */
  private void routes(String device, boolean v6, ObjectNode block) {
    ArrayNode routes = json.arrayNode();
    for (Route r : host.routes()) {
      if (!device.equals(r.device()) || r.gateway() == null || r.gateway().contains(":") != v6) {
        continue;
      }
      if (r.isDefault()) {
        if (!block.has("gateway")) {
          block.put("gateway", r.gateway());
        }
      } else {
        ObjectNode route = routes.addObject().put("to", r.destination()).put("via", r.gateway());
        if (r.metric() != null && r.metric() != 0) {
          route.put("metric", r.metric());
        }
      }
    }
    if (!routes.isEmpty()) {
      block.set("routes", routes);
    }
  }

  private static void mtu(ObjectNode device, Link link) {
    if (link != null && link.mtu() != 1500 && link.mtu() > 0) {
      device.put("mtu", link.mtu());
    }
  }
}

package io.bondbridge.agent.cli;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Lease;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.agent.host.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host as a plain-text table for {@code show}: bonds in the spirit of /proc/net/bonding (the
 * view the seeds' admins check after every change), then bridges, VLANs, addresses and routes. No
 * colours, so it reads the same in a terminal, a log and a ticket.
 */
final class HostTable {

  private static final Set<String> HASHING_MODES = Set.of("balance-xor", "802.3ad", "balance-tlb");

  private HostTable() {}

  static String render(HostState host) {
    StringBuilder out = new StringBuilder();
    interfaces(host, out);
    for (Link link : host.links().values()) {
      if (link.isBond()) {
        host.bond(link.name()).ifPresent(bond -> bond(bond, host, out));
      }
    }
    for (Link link : host.links().values()) {
      if (link.isBridge()) {
        bridge(host, link, out);
      }
    }
    vlans(host, out);
    addresses(host, out);
    routes(host, out);
    leases(host, out);
    return out.toString();
  }

  private static void interfaces(HostState host, StringBuilder out) {
    Columns rows =
        new Columns()
            .row("NAME", "KIND", "DRIVER", "STATE", "CARRIER", "MASTER", "MTU", "MAC", "ALIAS");
    for (Link l : host.links().values()) {
      rows.row(
          l.name(),
          l.kind(),
          l.driver(),
          l.adminUp() ? lower(l.operState()) : "admin-down",
          l.carrier() ? "yes" : "no",
          l.master(),
          Integer.toString(l.mtu()),
          l.mac(),
          // The alias carries BondBridge's ownership mark: shows at a glance what is ours.
          l.alias());
    }
    section("Interfaces", out);
    rows.appendTo(out, "  ");
  }

  private static void bond(BondState bond, HostState host, StringBuilder out) {
    Map<String, String> o = bond.options();
    // Set.of(...).contains(null) throws; a bond whose mode could not be read still gets a section.
    String mode = bond.mode() == null ? "" : bond.mode();
    section("Bond " + bond.name(), out);
    Columns facts = new Columns().row("Mode:", bond.mode());
    if (bond.hasActivePort()) { // /proc prints "Primary Slave" and "Currently Active"
      String primary = blankToNull(o.get("primary"));
      String reselect = blankToNull(o.get("primary_reselect"));
      facts.row(
          "Primary port:",
          primary == null
              ? "None"
              : reselect == null ? primary : primary + " (primary_reselect " + reselect + ")");
      facts.row("Currently active port:", bond.activePort() == null ? "None" : bond.activePort());
    }
    facts.row("MII status:", bond.miiStatus());
    facts.row("MII polling interval (ms):", o.get("miimon"));
    facts.row("Up delay (ms):", o.get("updelay"));
    facts.row("Down delay (ms):", o.get("downdelay"));
    String arpInterval = o.get("arp_interval");
    if (arpInterval != null && !"0".equals(arpInterval)) {
      facts.row("ARP polling interval (ms):", arpInterval);
      facts.row("ARP IP targets:", blankToNull(o.get("arp_ip_target")));
      facts.row("ARP validate:", o.get("arp_validate"));
    }
    if (HASHING_MODES.contains(mode)) {
      facts.row("Transmit hash policy:", o.get("xmit_hash_policy"));
    }
    if ("802.3ad".equals(mode)) {
      facts.row("LACP rate:", o.get("lacp_rate"));
      facts.row("Aggregator selection:", o.get("ad_select"));
      facts.row("Min links:", o.get("min_links"));
    }
    facts.row("Ports up:", bond.portsUp() + "/" + bond.ports().size());
    facts.appendTo(out, "  ");
    if (bond.ports().isEmpty()) {
      return;
    }
    out.append('\n');
    // the host's network manager, where one was found for a port (networkd): in hand or not
    boolean managers = bond.ports().stream().anyMatch(p -> host.managerFound(p.name()).isPresent());
    List<String> header =
        new ArrayList<>(
            List.of("PORT", "MII", "SPEED", "DUPLEX", "LINK FAILURES", "PERMANENT MAC", "STATE"));
    if (managers) {
      header.add("MANAGER");
    }
    Columns ports = new Columns().row(header.toArray(String[]::new));
    for (BondPort p : bond.ports()) {
      List<String> row =
          new ArrayList<>(
              Arrays.asList(
                  p.name(),
                  p.miiStatus(),
                  p.speedMbps() == null ? "unknown" : p.speedMbps() + " Mbps",
                  p.duplex() == null ? "unknown" : p.duplex(),
                  Long.toString(p.linkFailures()),
                  p.permanentMac(),
                  p.state()));
      if (managers) {
        row.add(host.managerFound(p.name()).map(LinkManager::describe).orElse("none found"));
      }
      ports.row(row.toArray(String[]::new));
    }
    ports.appendTo(out, "  ");
  }

  private static void bridge(HostState host, Link bridge, StringBuilder out) {
    section("Bridge " + bridge.name(), out);
    Map<String, String> data = bridge.kindData();
    Columns facts = new Columns();
    String stp = data.get("stp_state");
    if (stp != null) {
      facts.row("STP:", "0".equals(stp) ? "off" : "on");
    }
    String delay = data.get("forward_delay");
    if (delay != null) {
      facts.row("Forward delay (s):", centisecondsToSeconds(delay));
    }
    List<String> ports = host.portsOf(bridge.name()).stream().map(Link::name).toList();
    facts.row("Ports:", ports.isEmpty() ? "none" : String.join(" ", ports));
    facts.appendTo(out, "  ");
  }

  private static void vlans(HostState host, StringBuilder out) {
    Columns table = new Columns().row("NAME", "ID", "PARENT");
    host.links().values().stream()
        .filter(Link::isVlan)
        .forEach(
            v ->
                table.row(v.name(), v.vlanId() == null ? null : v.vlanId().toString(), v.parent()));
    if (table.size() > 1) {
      section("VLANs", out);
      table.appendTo(out, "  ");
    }
  }

  private static void addresses(HostState host, StringBuilder out) {
    Columns table = new Columns().row("INTERFACE", "ADDRESS", "LIFETIME");
    for (Address a : host.addresses()) {
      table.row(a.device(), a.cidr(), a.dynamic() ? "dynamic" : "forever");
    }
    section("Addresses", out);
    table.appendTo(out, "  ");
  }

  private static void routes(HostState host, StringBuilder out) {
    Columns table =
        new Columns()
            .row("DESTINATION", "GATEWAY", "DEVICE", "PROTOCOL", "SCOPE", "METRIC", "SOURCE");
    for (Route r : host.routes()) {
      table.row(
          r.destination(),
          r.gateway(),
          r.device(),
          r.protocol(),
          r.scope(),
          r.metric() == null ? null : r.metric().toString(),
          r.source());
    }
    section("Routes", out);
    table.appendTo(out, "  ");
  }

  /** The leases BondBridge's DHCP clients keep (DHCPv4, then DHCPv6), if any. */
  private static void leases(HostState host, StringBuilder out) {
    List<Lease> leases = new ArrayList<>(host.dhcp().leases().values());
    leases.addAll(host.dhcp().leases6().values());
    if (leases.isEmpty()) {
      return;
    }
    Columns table = new Columns().row("INTERFACE", "ADDRESS", "SERVER", "ROUTER", "EXPIRES");
    for (Lease l : leases) {
      table.row(
          l.interfaceName(),
          l.address(),
          l.server(),
          l.gateway(),
          l.expiry() == null ? null : l.expiry().toString());
    }
    section("DHCP leases kept by BondBridge", out);
    table.appendTo(out, "  ");
  }

  private static void section(String title, StringBuilder out) {
    if (!out.isEmpty()) {
      out.append('\n');
    }
    out.append(title).append('\n');
  }

  /** The kernel keeps bridge timers in hundredths of a second; users configure seconds. */
  private static String centisecondsToSeconds(String value) {
    try {
      long cs = Long.parseLong(value);
      return cs % 100 == 0 ? Long.toString(cs / 100) : Double.toString(cs / 100.0);
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

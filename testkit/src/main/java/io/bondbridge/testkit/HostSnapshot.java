package io.bondbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "The host as before": what a change could alter, read from the kernel with {@code ip -j}, without
 * what moves by itself (shared/notes/real-kernel-vm.md) — counters, carrier, bridge timers and STP
 * state, a bond's active port (a failover is the kernel's, not a change), IPv6 link-local addresses
 * (they come and go with a link's state) — plus the VLAN table of the bridges ({@code bridge -j
 * vlan show}), which a rollback must give back too. Two snapshots are equal when nothing was
 * changed.
 */
public record HostSnapshot(
    TreeSet<String> links,
    TreeSet<String> addresses,
    TreeSet<String> routes,
    TreeSet<String> bridgeVlans) {

  /** A bond's {@code info_data} minus what the kernel moves: the active port, the LACP partner. */
  private static final Set<String> BOND_MOVES = Set.of("active_slave", "ad_info");

  /** A bridge's {@code info_data} mixes settings with STP state and timers: the settings only. */
  private static final Set<String> BRIDGE_SETTINGS =
      Set.of(
          "stp_state",
          "forward_delay",
          "hello_time",
          "max_age",
          "ageing_time",
          "priority",
          "vlan_filtering",
          "mcast_snooping");

  /** This host now. */
  public static HostSnapshot read() {
    return of(
        Commands.ipJson("-d", "link", "show"),
        Commands.ipJson("addr", "show"),
        Commands.ipJson("route", "show"),
        Commands.bridgeVlanJson());
  }

  /** Without bridge VLAN tables (a host with no bridge). */
  static HostSnapshot of(JsonNode linkJson, JsonNode addrJson, JsonNode routeJson) {
    return of(linkJson, addrJson, routeJson, MissingNode.getInstance());
  }

  /**
   * From the output of {@code ip -j -d link show}, {@code ip -j addr show} and {@code ip -j route
   * show} (the main table).
   */
  static HostSnapshot of(
      JsonNode linkJson, JsonNode addrJson, JsonNode routeJson, JsonNode bridgeVlanJson) {
    TreeSet<String> links = new TreeSet<>();
    for (JsonNode l : linkJson) {
      JsonNode info = l.path("linkinfo");
      String kind = text(info, "info_kind");
      List<String> parts = new ArrayList<>();
      parts.add(text(l, "ifname"));
      parts.add("kind=" + kind);
      parts.add("master=" + text(l, "master"));
      parts.add("up=" + flags(l).contains("UP"));
      parts.add("mtu=" + l.path("mtu").asInt());
      parts.add("alias=" + text(l, "ifalias"));
      parts.add("mac=" + text(l, "address"));
      if ("vlan".equals(kind)) {
        parts.add("vlan=" + info.path("info_data").path("id").asInt() + "@" + text(l, "link"));
      }
      if ("bond".equals(kind) || "bridge".equals(kind)) {
        Map<String, String> options = new TreeMap<>();
        info.path("info_data")
            .fields()
            .forEachRemaining(
                f -> {
                  boolean kept =
                      "bond".equals(kind)
                          ? !BOND_MOVES.contains(f.getKey())
                          : BRIDGE_SETTINGS.contains(f.getKey());
                  if (kept) {
                    options.put(f.getKey(), f.getValue().toString());
                  }
                });
        parts.add("options=" + options);
      }
      links.add(String.join(" ", parts));
    }
    TreeSet<String> addresses = new TreeSet<>();
    for (JsonNode l : addrJson) {
      for (JsonNode a : l.path("addr_info")) {
        if ("inet6".equals(text(a, "family")) && "link".equals(text(a, "scope"))) {
          continue;
        }
        addresses.add(text(l, "ifname") + " " + text(a, "local") + "/" + a.path("prefixlen"));
      }
    }
    TreeSet<String> routes = new TreeSet<>();
    for (JsonNode r : routeJson) {
      routes.add(
          String.join(" ", text(r, "dst"), "via=" + text(r, "gateway"), "dev=" + text(r, "dev")));
    }
    TreeSet<String> bridgeVlans = new TreeSet<>();
    for (JsonNode port : bridgeVlanJson) {
      for (JsonNode v : port.path("vlans")) {
        bridgeVlans.add(
            text(port, "ifname")
                + " "
                + v.path("vlan").asInt()
                + "-"
                + v.path("vlanEnd").asInt(v.path("vlan").asInt())
                + " "
                + v.path("flags"));
      }
    }
    return new HostSnapshot(links, addresses, routes, bridgeVlans);
  }

  private static List<String> flags(JsonNode link) {
    List<String> flags = new ArrayList<>();
    link.path("flags").forEach(f -> flags.add(f.asText()));
    return flags;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}

package io.bondbridge.agent.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the JSON of iproute2 ({@code ip -j}). Pure: text in, values out.
 *
 * <p>iproute2 leaves a key out when the kernel did not report it (no {@code master} on a free NIC,
 * no {@code ifalias} until one is set), so every field is read as optional.
 */
public final class IpJson {

  /** BigDecimal keeps decimals as iproute2 printed them ("0.00", not "0.0"). */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** {@code valid_life_time} of an address that never expires (the kernel's INFINITY_LIFE_TIME). */
  private static final long FOREVER = 4294967295L;

  /** Kinds whose {@code info_data} the planner compares (bridge options, VLAN id, bond options). */
  private static final Set<String> KINDS_WITH_DATA = Set.of("bridge", "vlan", "bond");

  private IpJson() {}

  /**
   * What the kernel says about a bond port in {@code info_slave_data}: the same facts as its
   * /proc/net/bonding block, plus whether the bond currently sends through it.
   *
   * @param state "active" or "backup", lowercased from the kernel's ACTIVE/BACKUP
   * @param miiStatus "up" or "down"
   */
  public record SlaveData(
      String port,
      String bond,
      String state,
      String miiStatus,
      long linkFailures,
      String permanentMac) {}

  /** Links of {@code ip -j -d link show}, in the kernel's index order. */
  public static List<Link> links(String json) {
    List<Link> links = new ArrayList<>();
    for (JsonNode node : array(json)) {
      links.add(link(node));
    }
    return links;
  }

  /** The bond-port facts of every interface enslaved to a bond, by port name. */
  public static Map<String, SlaveData> bondPorts(String linkJson) {
    Map<String, SlaveData> ports = new LinkedHashMap<>();
    for (JsonNode node : array(linkJson)) {
      JsonNode info = node.path("linkinfo");
      if (!"bond".equals(text(info, "info_slave_kind"))) {
        continue;
      }
      JsonNode slave = info.path("info_slave_data");
      String name = text(node, "ifname");
      ports.put(
          name,
          new SlaveData(
              name,
              text(node, "master"),
              lower(text(slave, "state")),
              lower(text(slave, "mii_status")),
              slave.path("link_failure_count").asLong(0),
              text(slave, "perm_hwaddr")));
    }
    return ports;
  }

  /** Address flags of iproute2's JSON (one boolean key each) that {@link Address} keeps. */
  private static final List<String> ADDRESS_FLAGS =
      List.of(
          "mngtmpaddr",
          "noprefixroute",
          "stable-privacy",
          "temporary",
          "tentative",
          "deprecated",
          "dadfailed",
          "nodad");

  /**
   * IPv4 and IPv6 addresses of {@code ip -j addr show}. IPv6 link-local and host-scope addresses
   * (fe80::/10, ::1) are left out: every interface makes its own, and they never move.
   */
  public static List<Address> addresses(String json) {
    List<Address> addresses = new ArrayList<>();
    for (JsonNode node : array(json)) {
      String device = text(node, "ifname");
      for (JsonNode addr : node.path("addr_info")) {
        String family = text(addr, "family");
        boolean ipv6 = "inet6".equals(family);
        if (!"inet".equals(family) && !(ipv6 && "global".equals(text(addr, "scope")))) {
          continue;
        }
        long valid = addr.path("valid_life_time").asLong(FOREVER);
        long preferred = addr.path("preferred_life_time").asLong(FOREVER);
        // A lease (DHCP) or a SLAAC address has a finite lifetime; iproute2 prints "dynamic" for
        // every address without the kernel's PERMANENT flag.
        boolean dynamic = addr.path("dynamic").asBoolean(false) || valid != FOREVER;
        List<String> flags =
            ADDRESS_FLAGS.stream().filter(f -> addr.path(f).asBoolean(false)).toList();
        addresses.add(
            new Address(
                device,
                text(addr, "local") + "/" + addr.path("prefixlen").asInt(),
                dynamic,
                valid == FOREVER ? null : valid,
                preferred == FOREVER ? null : preferred,
                flags));
      }
    }
    return addresses;
  }

  /**
   * IPv4 and IPv6 unicast routes of the main table from {@code ip -j route show}. Entries of other
   * tables, non-unicast types (local, broadcast, multicast, blackhole, ...) and IPv6 link-local
   * routes (fe80::/64, one per interface, the kernel's) are dropped, so the output of {@code ip -j
   * route show table all} gives the same list. A multipath route becomes one route per next hop, so
   * that each hop is found by its device.
   */
  public static List<Route> routes(String json) {
    List<Route> routes = new ArrayList<>();
    for (JsonNode node : array(json)) {
      String table = text(node, "table");
      // iproute2 omits "type" for unicast in older versions.
      String type = text(node, "type");
      String dst = text(node, "dst");
      if ((table != null && !"main".equals(table))
          || (type != null && !"unicast".equals(type))
          || dst == null
          || dst.startsWith("fe80:")) {
        continue;
      }
      Integer metric = node.has("metric") ? node.get("metric").asInt() : null;
      String protocol = text(node, "protocol");
      String scope = text(node, "scope");
      String source = text(node, "prefsrc");
      JsonNode hops = node.path("nexthops");
      if (hops.isArray() && !hops.isEmpty()) {
        for (JsonNode hop : hops) {
          routes.add(
              new Route(
                  dst, text(hop, "gateway"), text(hop, "dev"), metric, protocol, scope, source));
        }
      } else {
        routes.add(
            new Route(
                dst, text(node, "gateway"), text(node, "dev"), metric, protocol, scope, source));
      }
    }
    return routes;
  }

  private static Link link(JsonNode node) {
    JsonNode info = node.path("linkinfo");
    String kind = text(info, "info_kind");
    JsonNode data = info.path("info_data");
    List<String> flags = new ArrayList<>();
    node.path("flags").forEach(f -> flags.add(f.asText()));
    boolean vlan = "vlan".equals(kind);
    return new Link(
        node.path("ifindex").asInt(),
        text(node, "ifname"),
        kind,
        text(node, "master"),
        text(node, "address"),
        permanentMac(node),
        flags.contains("UP"),
        text(node, "operstate"),
        // LOWER_UP, not operstate: a bond port's operstate can lag, carrier is what MII sees.
        flags.contains("LOWER_UP"),
        node.path("mtu").asInt(),
        text(node, "ifalias"),
        vlan ? text(node, "link") : null,
        vlan && data.has("id") ? data.get("id").asInt() : null,
        null,
        kind != null && KINDS_WITH_DATA.contains(kind) ? flatten(data) : Map.of());
  }

  /**
   * A bond gives all its ports one MAC, so the NIC's own MAC must come from elsewhere: the bond's
   * record of it while enslaved, else {@code permaddr}, which iproute2 prints only when it differs
   * from the current address.
   */
  private static String permanentMac(JsonNode node) {
    JsonNode info = node.path("linkinfo");
    if ("bond".equals(text(info, "info_slave_kind"))) {
      String perm = text(info.path("info_slave_data"), "perm_hwaddr");
      if (perm != null) {
        return perm;
      }
    }
    return text(node, "permaddr");
  }

  /**
   * {@code info_data} as text: arrays joined with spaces (as sysfs prints them), nested objects
   * (802.3ad's {@code ad_info}) as dotted keys, nulls left out ({@code arp_validate} is null for
   * "none").
   */
  private static Map<String, String> flatten(JsonNode data) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", data, flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode data, Map<String, String> flat) {
    data.fields()
        .forEachRemaining(
            field -> {
              String key = prefix + field.getKey();
              JsonNode value = field.getValue();
              if (value.isObject()) {
                flatten(key + ".", value, flat);
              } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
                flat.put(key, String.join(" ", items));
              } else if (!value.isNull()) {
                flat.put(key, value.asText());
              }
            });
  }

  private static JsonNode array(String json) {
    if (json == null || json.isBlank()) {
      return JSON.createArrayNode();
    }
    try {
      JsonNode root = JSON.readTree(json);
      if (!root.isArray()) {
        throw new IllegalArgumentException("ip -j printed no JSON array: " + abbreviate(json));
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "ip -j printed invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}

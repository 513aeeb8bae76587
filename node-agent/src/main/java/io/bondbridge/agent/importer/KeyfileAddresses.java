package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A NetworkManager profile's {@code [ipv4]} and {@code [ipv6]} as a BondBridge's blocks for one
 * node: {@code method=auto} (NetworkManager's default) is {@code dhcp}, or {@code auto} for IPv6;
 * {@code manual} is {@code static} with {@code address1=A/len[,gateway]}, {@code gateway}, {@code
 * dns} and {@code dns-search} (IPv4; per link, as NetworkManager hands them to systemd-resolved),
 * and {@code routeN=dest/len[,via[,metric]]}; {@code disabled} is {@code none}; IPv6 {@code ignore}
 * leaves IPv6 out. Pure.
 */
final class KeyfileAddresses {
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried;
  private final String node;

  KeyfileAddresses(Carried carried, String node) {
    this.carried = carried;
    this.node = node;
  }

  /** A port's own [ipv4] and [ipv6]: NetworkManager ignores them on a port, and so does this. */
  void port(Stanza s) {
    s.options().stream()
        .filter(o -> o.key().startsWith("ipv4.") || o.key().startsWith("ipv6."))
        .forEach(carried::implied);
  }

  Optional<ObjectNode> ipv4(Stanza s) {
    ObjectNode ipv4 = json.objectNode();
    String method = carried.take(s, "ipv4.method").orElse("auto").strip();
    switch (method) {
      case "auto" -> ipv4.put("mode", "dhcp");
      case "disabled" -> ipv4.put("mode", "none");
      case "manual" -> {
        if (!staticBlock(s, "ipv4", ipv4)) {
          return Optional.empty();
        }
        ObjectNode dns = json.objectNode();
        List<String> servers = new ArrayList<>();
        String dnsWhere = IfcfgImport.option(s, "ipv4.dns").map(Option::where).orElse(s.where());
        for (String a : list(carried.take(s, "ipv4.dns"))) {
          if (a.contains(":")) {
            carried.note(
                dnsWhere
                    + ": "
                    + s.name()
                    + ": dns "
                    + a
                    + ": not carried: ipv4.dns takes IPv4 servers only");
          } else {
            servers.add(a);
          }
        }
        if (!servers.isEmpty()) {
          servers.forEach(dns.putArray("nameservers")::add);
        }
        List<String> search = list(carried.take(s, "ipv4.dns-search"));
        if (!search.isEmpty()) {
          search.forEach(dns.putArray("search")::add);
        }
        if (!dns.isEmpty()) {
          ipv4.set("dns", dns);
        }
      }
      default -> {
        carried.note(
            s.where()
                + ": "
                + s.name()
                + ": ipv4.method "
                + method
                + ": not a method BondBridge has");
        return Optional.empty();
      }
    }
    return Optional.of(ipv4);
  }

  Optional<ObjectNode> ipv6(Stanza s) {
    ObjectNode ipv6 = json.objectNode();
    String method = carried.take(s, "ipv6.method").orElse("auto").strip();
    switch (method) {
      case "auto", "dhcp" -> ipv6.put("mode", "auto");
      case "disabled", "link-local" -> ipv6.put("mode", "none");
      case "ignore" -> {
        return Optional.empty();
      }
      case "manual" -> {
        if (!staticBlock(s, "ipv6", ipv6)) {
          return Optional.empty();
        }
      }
      default -> {
        carried.note(
            s.where()
                + ": "
                + s.name()
                + ": ipv6.method "
                + method
                + ": not a method BondBridge has");
        return Optional.empty();
      }
    }
    return Optional.of(ipv6);
  }

  /** mode static: the first address (more are named), the gateway, the routes. */
  private boolean staticBlock(Stanza s, String family, ObjectNode block) {
    List<Option> addresses =
        s.options().stream().filter(o -> o.key().matches(family + "\\.address(es)?\\d*")).toList();
    if (addresses.isEmpty()) {
      carried.note(
          s.where() + ": " + s.name() + ": " + family + ".method manual without an address");
      return false;
    }
    addresses.forEach(carried::implied);
    String[] first = addresses.get(0).value().strip().split(",");
    block.put("mode", "static");
    block.putObject("addresses").put(node, first[0].strip());
    addresses.stream()
        .skip(1)
        .forEach(
            o ->
                carried.note(
                    o.where()
                        + ": "
                        + s.name()
                        + ": "
                        + o.key()
                        + " "
                        + o.value()
                        + ": not carried: BondBridge gives a node one address a family on an"
                        + " interface"));
    Optional<String> gateway = carried.take(s, family + ".gateway");
    if (gateway.isPresent()) {
      block.put("gateway", gateway.get().strip());
    } else if (first.length > 1 && !first[1].isBlank()) {
      block.put("gateway", first[1].strip());
    }
    ArrayNode routes = json.arrayNode();
    for (Option o : s.options()) {
      if (!o.key().matches(family + "\\.route\\d+")) {
        continue;
      }
      carried.implied(o);
      String[] parts = o.value().strip().split(",");
      ObjectNode route = routes.addObject().put("to", parts[0].strip());
      if (parts.length > 1 && !parts[1].isBlank()) {
        route.put("via", parts[1].strip());
      }
      if (parts.length > 2 && !parts[2].isBlank()) {
        route.put("metric", ImportedSpec.number(s, parts[2]));
      }
    }
    if (!routes.isEmpty()) {
      block.set("routes", routes);
    }
    return true;
  }

  /** A keyfile list: items ended (or parted) by {@code ;}. */
  private static List<String> list(Optional<String> value) {
    List<String> items = new ArrayList<>();
    value.ifPresent(
        v -> {
          for (String item : v.split("[;,]")) {
            if (!item.isBlank()) {
              items.add(item.strip());
            }
          }
        });
    return items;
  }
}

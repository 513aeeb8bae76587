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
 * A netplan device's addresses as a BondBridge's {@code ipv4} and {@code ipv6} blocks for one node:
 * {@code dhcp4: true} is {@code dhcp}; its first IPv4 {@code addresses} entry {@code static}, with
 * {@code gateway4} or a default route's {@code via} as the gateway, its other routes, and its
 * {@code nameservers} (per link, as netplan gives them to systemd-resolved); nothing is {@code
 * none}. IPv6 likewise from its first IPv6 address and {@code gateway6}, else {@code auto} with
 * {@code dhcp6} or {@code accept-ra}. Pure.
 */
final class NetplanAddresses {
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried;
  private final String node;

  NetplanAddresses(Carried carried, String node) {
    this.carried = carried;
    this.node = node;
  }

  ObjectNode ipv4(Stanza s) {
    ObjectNode ipv4 = json.objectNode();
    List<String> v4 = family(s, false);
    boolean dhcp = carried.take(s, "dhcp4").map(BondKeys::truth).orElse(false);
    if (dhcp) {
      ipv4.put("mode", "dhcp");
      return ipv4;
    }
    if (v4.isEmpty()) {
      ipv4.put("mode", "none");
      return ipv4;
    }
    ipv4.put("mode", "static");
    ipv4.putObject("addresses").put(node, v4.get(0));
    v4.stream().skip(1).forEach(a -> extra(s, a));
    carried.take(s, "gateway4").ifPresent(g -> ipv4.put("gateway", g.strip()));
    routes(s, false, ipv4);
    ObjectNode dns = json.objectNode();
    List<String> servers = new ArrayList<>();
    for (String a : NetplanImport.words(carried.take(s, "nameservers.addresses"))) {
      if (a.contains(":")) {
        carried.note(
            s.where() + ": nameservers " + a + ": not carried: ipv4.dns takes IPv4 servers only");
      } else {
        servers.add(a);
      }
    }
    if (!servers.isEmpty()) {
      ArrayNode list = dns.putArray("nameservers");
      servers.forEach(list::add);
    }
    List<String> search = NetplanImport.words(carried.take(s, "nameservers.search"));
    if (!search.isEmpty()) {
      ArrayNode list = dns.putArray("search");
      search.forEach(list::add);
    }
    if (!dns.isEmpty()) {
      ipv4.set("dns", dns);
    }
    return ipv4;
  }

  Optional<ObjectNode> ipv6(Stanza s) {
    ObjectNode ipv6 = json.objectNode();
    List<String> v6 = family(s, true);
    if (!v6.isEmpty()) {
      ipv6.put("mode", "static");
      ipv6.putObject("addresses").put(node, v6.get(0));
      v6.stream().skip(1).forEach(a -> extra(s, a));
      carried.take(s, "gateway6").ifPresent(g -> ipv6.put("gateway", g.strip()));
      routes(s, true, ipv6);
      return Optional.of(ipv6);
    }
    Optional<Boolean> dhcp = carried.take(s, "dhcp6").map(BondKeys::truth);
    Optional<Boolean> ra = carried.take(s, "accept-ra").map(BondKeys::truth);
    if (dhcp.isEmpty() && ra.isEmpty()) {
      return Optional.empty(); // IPv6 not said: left as it is
    }
    ipv6.put("mode", dhcp.orElse(false) || ra.orElse(false) ? "auto" : "none");
    return Optional.of(ipv6);
  }

  /** The device's addresses of one family; the option is carried once both families are read. */
  private List<String> family(Stanza s, boolean v6) {
    List<String> all = NetplanImport.words(Optional.ofNullable(s.value("addresses")));
    IfcfgImport.option(s, "addresses").ifPresent(carried::implied);
    return all.stream().filter(a -> a.contains(":") == v6).toList();
  }

  private void extra(Stanza s, String address) {
    carried.note(
        s.where()
            + ": addresses "
            + address
            + ": not carried: BondBridge gives a node one address a family on an interface");
  }

  /** routes[i].to/via/metric of one family: a default route is the gateway, the rest routes. */
  private void routes(Stanza s, boolean v6, ObjectNode block) {
    ArrayNode routes = json.arrayNode();
    for (int i = 0; ; i++) {
      String prefix = "routes[" + i + "].";
      String to = s.value(prefix + "to");
      if (to == null) {
        break;
      }
      String via = s.value(prefix + "via");
      boolean sixth = (via != null ? via : to).contains(":");
      if (sixth != v6) {
        continue;
      }
      List<Option> taken = new ArrayList<>();
      for (String key : List.of("to", "via", "metric")) {
        IfcfgImport.option(s, prefix + key).ifPresent(taken::add);
      }
      boolean isDefault = to.equals("default") || to.equals("0.0.0.0/0") || to.equals("::/0");
      if (isDefault && via != null && !block.has("gateway")) {
        block.put("gateway", via);
      } else if (!isDefault) {
        ObjectNode route = routes.addObject().put("to", to);
        if (via != null) {
          route.put("via", via);
        }
        Optional.ofNullable(s.value(prefix + "metric"))
            .ifPresent(m -> route.put("metric", ImportedSpec.number(s, m)));
      } else {
        continue; // a second default route, or one without via: named as not carried
      }
      taken.forEach(carried::implied);
    }
    if (!routes.isEmpty()) {
      block.set("routes", routes);
    }
  }
}

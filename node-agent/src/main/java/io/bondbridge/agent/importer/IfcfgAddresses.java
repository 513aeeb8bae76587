package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.Optional;

/**
 * An ifcfg file's addresses as a BondBridge's {@code ipv4} or {@code ipv6} block for one node:
 * {@code BOOTPROTO=none|static} with {@code IPADDR} and {@code PREFIX} or {@code NETMASK} (or their
 * {@code 0} forms) and {@code GATEWAY} is {@code static}, without an address {@code none}; {@code
 * dhcp} is {@code dhcp}. IPv6 when {@code IPV6INIT=yes}: {@code IPV6ADDR} and {@code
 * IPV6_DEFAULTGW} are {@code static}, else SLAAC and DHCPv6 ({@code auto}). Pure.
 */
final class IfcfgAddresses {
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried;
  private final String node;

  IfcfgAddresses(Carried carried, String node) {
    this.carried = carried;
    this.node = node;
  }

  Optional<ObjectNode> ipv4(Stanza s) {
    carried.take(s, "BOOTPROTO");
    ObjectNode ipv4 = json.objectNode();
    switch (s.method()) {
      case "dhcp" -> ipv4.put("mode", "dhcp");
      case "none", "static" -> {
        Optional<String> address = carried.take(s, "IPADDR", "IPADDR0");
        if (address.isEmpty()) {
          ipv4.put("mode", "none");
          return Optional.of(ipv4);
        }
        ipv4.put("mode", "static");
        ipv4.putObject("addresses").put(node, cidr(s, address.get().strip()));
        carried.take(s, "GATEWAY", "GATEWAY0").ifPresent(g -> ipv4.put("gateway", g.strip()));
      }
      default -> {
        carried.note(
            s.where()
                + ": "
                + s.name()
                + ": BOOTPROTO="
                + s.method()
                + ": not a method BondBridge has");
        return Optional.empty();
      }
    }
    return Optional.of(ipv4);
  }

  Optional<ObjectNode> ipv6(Stanza s) {
    Optional<String> init = carried.take(s, "IPV6INIT");
    if (init.isEmpty() || !BondKeys.truth(init.get())) {
      return Optional.empty();
    }
    ObjectNode ipv6 = json.objectNode();
    Optional<String> address = carried.take(s, "IPV6ADDR");
    if (address.isPresent()) {
      String cidr = address.get().strip();
      ipv6.put("mode", "static");
      ipv6.putObject("addresses").put(node, cidr.contains("/") ? cidr : cidr + "/64");
      carried
          .take(s, "IPV6_DEFAULTGW")
          .ifPresent(g -> ipv6.put("gateway", g.strip().replaceFirst("%.*$", "")));
      return Optional.of(ipv6);
    }
    boolean autoconf = carried.take(s, "IPV6_AUTOCONF").map(BondKeys::truth).orElse(true);
    boolean dhcp = carried.take(s, "DHCPV6C").map(BondKeys::truth).orElse(false);
    ipv6.put("mode", autoconf || dhcp ? "auto" : "none");
    return Optional.of(ipv6);
  }

  /** IPADDR with PREFIX, or NETMASK; with neither, the address class, as initscripts' ipcalc. */
  private String cidr(Stanza s, String address) {
    if (address.contains("/")) {
      return address;
    }
    Optional<String> prefix = carried.take(s, "PREFIX", "PREFIX0");
    if (prefix.isPresent()) {
      return address + "/" + ImportedSpec.number(s, prefix.get());
    }
    Optional<String> netmask = carried.take(s, "NETMASK", "NETMASK0");
    if (netmask.isPresent()) {
      return address + "/" + prefixOf(s, netmask.get().strip());
    }
    int first = ImportedSpec.number(s, address.split("\\.")[0]);
    int classful = first < 128 ? 8 : first < 192 ? 16 : 24;
    carried.note(
        s.where()
            + ": "
            + s.name()
            + ": IPADDR "
            + address
            + " without PREFIX or NETMASK: /"
            + classful
            + " taken, from the address class as initscripts does; check it");
    return address + "/" + classful;
  }

  private static int prefixOf(Stanza s, String netmask) {
    long bits = 0;
    for (String octet : netmask.split("\\.")) {
      bits = bits << 8 | ImportedSpec.number(s, octet);
    }
    return Long.bitCount(bits);
  }
}

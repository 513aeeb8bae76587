package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.Optional;

/**
 * A stanza's addresses as a BondBridge's {@code ipv4} or {@code ipv6} block for one node: {@code
 * static} with its address (A/len, or A with netmask) and gateway, {@code dhcp}, {@code manual}.
 * Pure.
 */
final class StanzaAddresses {
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried;
  private final String node;

  StanzaAddresses(Carried carried, String node) {
    this.carried = carried;
    this.node = node;
  }

  Optional<ObjectNode> ipv4(Optional<Stanza> stanza) {
    if (stanza.isEmpty()) {
      return Optional.empty();
    }
    Stanza s = stanza.get();
    ObjectNode ipv4 = json.objectNode();
    switch (s.method()) {
      case "static" -> {
        String cidr = cidr(s, 32);
        if (cidr == null) {
          return Optional.empty();
        }
        ipv4.put("mode", "static");
        ipv4.putObject("addresses").put(node, cidr);
        carried.take(s, "gateway").ifPresent(g -> ipv4.put("gateway", g.strip()));
        implied(s, cidr);
      }
      case "dhcp" -> ipv4.put("mode", "dhcp");
      case "manual" -> ipv4.put("mode", "none");
      default -> {
        carried.note(
            s.where()
                + ": iface "
                + s.name()
                + " inet "
                + s.method()
                + ": not a method BondBridge has");
        return Optional.empty();
      }
    }
    return Optional.of(ipv4);
  }

  Optional<ObjectNode> ipv6(Optional<Stanza> stanza) {
    if (stanza.isEmpty()) {
      return Optional.empty();
    }
    Stanza s = stanza.get();
    ObjectNode ipv6 = json.objectNode();
    switch (s.method()) {
      case "static" -> {
        String cidr = cidr(s, 128);
        if (cidr == null) {
          return Optional.empty();
        }
        ipv6.put("mode", "static");
        ipv6.putObject("addresses").put(node, cidr);
        carried.take(s, "gateway").ifPresent(g -> ipv6.put("gateway", g.strip()));
      }
      case "auto", "dhcp" -> ipv6.put("mode", "auto");
      case "manual" -> ipv6.put("mode", "none");
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(ipv6);
  }

  /** address A/len, or address A with netmask M (IPv4) or netmask LEN. */
  private String cidr(Stanza s, int hostBits) {
    try {
      return cidrOf(s, hostBits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          s.where() + ": " + s.name() + ": its address or netmask is not one");
    }
  }

  private String cidrOf(Stanza s, int hostBits) {
    String address = carried.take(s, "address").map(String::strip).orElse(null);
    if (address == null) {
      return null;
    }
    if (address.contains("/")) {
      return address;
    }
    String mask = carried.take(s, "netmask").map(String::strip).orElse(String.valueOf(hostBits));
    return address + "/" + (mask.contains(".") ? prefixOf(mask) : Integer.parseInt(mask));
  }

  /** network and broadcast that only say what the address and netmask say are carried by them. */
  private void implied(Stanza s, String cidr) {
    if (!cidr.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
      return; // the CRD says what is wrong with it
    }
    for (Option o : s.options()) {
      if ((o.key().equals("network") || o.key().equals("broadcast"))
          && o.value().strip().equals(derived(cidr, o.key().equals("broadcast")))) {
        carried.implied(o);
      }
    }
  }

  private static String derived(String cidr, boolean broadcast) {
    String[] parts = cidr.split("/");
    long ip = 0;
    for (String octet : parts[0].split("\\.")) {
      ip = ip << 8 | Integer.parseInt(octet);
    }
    int prefix = Integer.parseInt(parts[1]);
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    long value = broadcast ? (ip & mask) | (~mask & 0xFFFFFFFFL) : ip & mask;
    return (value >> 24 & 255)
        + "."
        + (value >> 16 & 255)
        + "."
        + (value >> 8 & 255)
        + "."
        + (value & 255);
  }

  private static int prefixOf(String netmask) {
    long bits = 0;
    for (String octet : netmask.split("\\.")) {
      bits = bits << 8 | Integer.parseInt(octet);
    }
    return Long.bitCount(bits);
  }
}

package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ifupdown stanzas (with ifenslave's {@code bond-*} and bridge-utils' {@code bridge_*} keywords) to
 * a BondBridge: the first bond, the bridge whose port it is, its VLANs ({@code bond0.10}, or {@code
 * vlan-raw-device}) and their bridges, and the top interface's addresses for this node. Every
 * setting it does not carry is named, with why. Pure: stanzas in, a document and notes out.
 */
final class InterfacesImport {
  /** The BondBridge as a document (admitted by the caller), and what was not carried. */
  record Imported(ObjectNode document, List<String> notCarried) {}

  private static final List<String> MODES =
      List.of(
          "balance-rr",
          "active-backup",
          "balance-xor",
          "broadcast",
          "802.3ad",
          "balance-tlb",
          "balance-alb");

  /** ifenslave's keywords (either spelling) and the BondOptions field each sets. */
  private static final Map<String, String> INT_OPTIONS =
      Map.of(
          "miimon", "miimon",
          "updelay", "updelay",
          "downdelay", "downdelay",
          "arp-interval", "arpInterval",
          "min-links", "minLinks",
          "num-grat-arp", "numGratArp",
          "num-unsol-na", "numUnsolNa",
          "resend-igmp", "resendIgmp",
          "packets-per-slave", "packetsPerSlave",
          "lp-interval", "lpInterval");

  private static final Map<String, String> WORD_OPTIONS =
      Map.of(
          "lacp-rate", "lacpRate",
          "xmit-hash-policy", "xmitHashPolicy",
          "primary-reselect", "primaryReselect",
          "fail-over-mac", "failOverMac",
          "ad-select", "adSelect",
          "arp-validate", "arpValidate",
          "arp-all-targets", "arpAllTargets");

  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final List<String> notCarried = new ArrayList<>();
  private final Set<Option> used = new LinkedHashSet<>();
  private final Set<String> imported = new LinkedHashSet<>();
  private final List<Stanza> stanzas;
  private final String node;

  private InterfacesImport(List<Stanza> stanzas, String node) {
    this.stanzas = stanzas;
    this.node = node;
  }

  static Imported of(List<Stanza> stanzas, String node, String name) {
    return new InterfacesImport(stanzas, node).run(name);
  }

  private Imported run(String name) {
    List<String> bonds = bondNames();
    if (bonds.isEmpty()) {
      throw new IllegalArgumentException(
          "no bond here: no stanza has bond-slaves, and none names a bond-master");
    }
    String bondName = bonds.get(0);
    bonds.stream()
        .skip(1)
        .forEach(b -> notCarried.add(b + ": not imported (one bond a BondBridge)"));
    ObjectNode spec = json.objectNode();
    spec.putObject("nodeSelector").putObject("matchLabels").put("kubernetes.io/hostname", node);
    spec.set("bond", bond(bondName));
    Optional<Stanza> bridge = bridgeOf(bondName);
    bridge.ifPresent(b -> spec.set("bridge", bridge(b)));
    ArrayNode vlans = vlans(bondName);
    if (!vlans.isEmpty()) {
      spec.set("vlans", vlans);
    }
    String top = bridge.map(Stanza::name).orElse(bondName);
    ipv4(inet(top, "inet")).ifPresent(v -> spec.set("ipv4", v));
    ipv6(inet(top, "inet6")).ifPresent(v -> spec.set("ipv6", v));
    // taken over as it is: the devices are there, made by ifupdown
    spec.put("adopt", true);
    for (Stanza s : stanzas) {
      for (Option o : s.options()) {
        if (!used.contains(o) && imported.contains(s.name())) {
          notCarried.add(
              o.where() + ": " + s.name() + ": " + o.key() + " " + o.value() + ": " + why(o));
        }
      }
    }
    ObjectNode document = json.objectNode();
    document.put("apiVersion", "bondbridge.io/v1alpha1");
    document.put("kind", "BondBridge");
    document.putObject("metadata").put("name", name == null ? dnsLabel(bondName) : name);
    document.set("spec", spec);
    return new Imported(document, notCarried);
  }

  private List<String> bondNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Stanza s : stanzas) {
      if (s.value("bond-slaves", "bond_slaves", "slaves") != null) {
        names.add(s.name());
      }
      String master = s.value("bond-master", "bond_master");
      if (master != null) {
        names.add(master);
      }
    }
    return new ArrayList<>(names);
  }

  private ObjectNode bond(String bondName) {
    ObjectNode bond = json.objectNode().put("name", bondName);
    imported.add(bondName);
    Stanza stanza = inet(bondName, "inet").orElse(null);
    List<String> ports = new ArrayList<>();
    if (stanza != null) {
      take(stanza, "bond-slaves", "bond_slaves", "slaves")
          .ifPresent(
              v ->
                  List.of(v.split("[\\s,]+")).stream()
                      .filter(p -> !p.equals("none"))
                      .forEach(ports::add));
    }
    for (Stanza s : stanzas) {
      String master = s.value("bond-master", "bond_master");
      if (bondName.equals(master)) {
        take(s, "bond-master", "bond_master");
        if (!ports.contains(s.name())) {
          ports.add(s.name());
        }
      }
    }
    imported.addAll(ports);
    bond.put("mode", "balance-rr");
    ArrayNode portList = bond.putArray("ports");
    ports.forEach(p -> portList.addObject().put("name", p));
    if (stanza == null) {
      return bond;
    }
    take(stanza, "bond-mode", "bond_mode").ifPresent(m -> bond.put("mode", mode(m)));
    take(stanza, "bond-primary", "bond_primary")
        .map(v -> v.split("\\s+")[0])
        .filter(ports::contains)
        .ifPresent(p -> bond.put("primary", p));
    ObjectNode options = json.objectNode();
    INT_OPTIONS.forEach(
        (key, field) ->
            take(stanza, "bond-" + key, "bond_" + key.replace('-', '_'))
                .ifPresent(v -> options.put(field, Integer.parseInt(v.strip()))));
    WORD_OPTIONS.forEach(
        (key, field) ->
            take(stanza, "bond-" + key, "bond_" + key.replace('-', '_'))
                .ifPresent(v -> options.put(field, word(field, v.strip()))));
    take(stanza, "bond-arp-ip-target", "bond_arp_ip_target")
        .ifPresent(
            v -> {
              ArrayNode targets = options.putArray("arpIpTargets");
              List.of(v.split("[\\s,]+")).forEach(targets::add);
            });
    take(stanza, "bond-use-carrier", "bond_use_carrier")
        .ifPresent(v -> options.put("useCarrier", truth(v)));
    take(stanza, "bond-all-slaves-active", "bond_all_slaves_active")
        .ifPresent(v -> options.put("allSlavesActive", truth(v)));
    if (options.has("miimon") && options.has("arpInterval")) {
      // the kernel runs one link monitor; with both set it keeps MII (seed 001's /proc shows it)
      notCarried.add(
          stanza.where()
              + ": "
              + bondName
              + ": the ARP monitor (arp-interval "
              + options.remove("arpInterval").asText()
              + "): the kernel runs one link monitor, and with miimon set it runs MII");
      options.remove("arpIpTargets");
    }
    if (!options.isEmpty()) {
      bond.set("options", options);
    }
    take(stanza, "mtu").ifPresent(v -> bond.put("mtu", Integer.parseInt(v.strip())));
    return bond;
  }

  private Optional<Stanza> bridgeOf(String port) {
    for (Stanza s : stanzas) {
      String ports = s.value("bridge_ports", "bridge-ports");
      if (ports != null && List.of(ports.split("\\s+")).contains(port)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private ObjectNode bridge(Stanza s) {
    ObjectNode bridge = json.objectNode().put("name", s.name());
    imported.add(s.name());
    String ports = take(s, "bridge_ports", "bridge-ports").orElse("");
    if (ports.strip().split("\\s+").length > 1) {
      notCarried.add(
          s.where()
              + ": "
              + s.name()
              + ": bridge_ports "
              + ports
              + ": a BondBridge bridge has the bond (or its VLAN) as its only port");
    }
    take(s, "bridge_stp", "bridge-stp").ifPresent(v -> bridge.put("stp", truth(v)));
    take(s, "bridge_fd", "bridge-fd")
        .ifPresent(v -> bridge.put("forwardDelay", (int) Math.round(Double.parseDouble(v))));
    take(s, "mtu").ifPresent(v -> bridge.put("mtu", Integer.parseInt(v.strip())));
    if (bridge.has("forwardDelay")
        && !bridge.path("stp").asBoolean(false)
        && bridge.get("forwardDelay").asInt() < 2) {
      bridge.remove("forwardDelay"); // without STP the kernel forwards at once anyway
    }
    return bridge;
  }

  private ArrayNode vlans(String bondName) {
    ArrayNode vlans = json.arrayNode();
    for (Stanza s : stanzas) {
      if (!s.family().equals("inet")) {
        continue;
      }
      String raw = s.value("vlan-raw-device", "vlan_raw_device");
      boolean dotted = s.name().startsWith(bondName + ".");
      if (!dotted && !bondName.equals(raw)) {
        continue;
      }
      take(s, "vlan-raw-device", "vlan_raw_device");
      imported.add(s.name());
      String digits = s.name().replaceAll("^.*?(\\d+)$", "$1");
      ObjectNode vlan = vlans.addObject().put("id", Integer.parseInt(digits));
      if (!s.name().equals(bondName + "." + digits)) {
        vlan.put("name", s.name());
      }
      take(s, "mtu").ifPresent(v -> vlan.put("mtu", Integer.parseInt(v.strip())));
      Optional<Stanza> bridge = bridgeOf(s.name());
      bridge.ifPresent(b -> vlan.set("bridge", bridge(b)));
      Stanza addressed = bridge.orElse(s);
      ipv4(Optional.of(addressed)).ifPresent(v -> vlan.set("ipv4", v));
    }
    return vlans;
  }

  private Optional<ObjectNode> ipv4(Optional<Stanza> stanza) {
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
        take(s, "gateway").ifPresent(g -> ipv4.put("gateway", g.strip()));
        implied(s, cidr);
      }
      case "dhcp" -> ipv4.put("mode", "dhcp");
      case "manual" -> ipv4.put("mode", "none");
      default -> {
        notCarried.add(
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

  private Optional<ObjectNode> ipv6(Optional<Stanza> stanza) {
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
        take(s, "gateway").ifPresent(g -> ipv6.put("gateway", g.strip()));
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
    String address = take(s, "address").map(String::strip).orElse(null);
    if (address == null) {
      return null;
    }
    if (address.contains("/")) {
      return address;
    }
    String mask = take(s, "netmask").map(String::strip).orElse(String.valueOf(hostBits));
    return address + "/" + (mask.contains(".") ? prefixOf(mask) : Integer.parseInt(mask));
  }

  /** network and broadcast that only say what the address and netmask say are carried by them. */
  private void implied(Stanza s, String cidr) {
    for (Option o : s.options()) {
      if ((o.key().equals("network") || o.key().equals("broadcast"))
          && o.value().strip().equals(derived(cidr, o.key().equals("broadcast")))) {
        used.add(o);
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

  private Optional<Stanza> inet(String name, String family) {
    return stanzas.stream()
        .filter(s -> s.name().equals(name) && s.family().equals(family))
        .findFirst();
  }

  /** The value of the first of {@code keys} in the stanza, marked as carried. */
  private Optional<String> take(Stanza s, String... keys) {
    for (Option o : s.options()) {
      for (String key : keys) {
        if (o.key().equals(key)) {
          used.add(o);
          return Optional.of(o.value());
        }
      }
    }
    return Optional.empty();
  }

  private static String why(Option o) {
    return switch (o.key()) {
      case "pre-up", "up", "post-up", "down", "pre-down", "post-down" ->
          "not carried: a command ifupdown ran around the stanza; BondBridge orders its steps"
              + " itself and runs no command of yours";
      case "dns-nameservers", "dns-search", "dns-domain" ->
          "not carried: the host's resolver keeps it; ipv4.dns sets it per link through"
              + " systemd-resolved, add it there if the host runs that";
      case "hwaddress" ->
          "not carried: BondBridge leaves MAC addresses to the kernel (the bond takes its first"
              + " port's)";
      case "bridge_maxwait", "bridge_waitport" ->
          "not carried: BondBridge waits by probing, not by a timer";
      default ->
          o.key().startsWith("arp_") || o.key().startsWith("mode") || o.key().equals("primary")
              ? "not carried: not an ifenslave keyword (bond-"
                  + o.key().replace('_', '-')
                  + "), so ifupdown ignored it too"
              : "not carried: BondBridge has no such setting";
    };
  }

  private static String mode(String value) {
    String v = value.strip();
    if (v.matches("[0-6]")) {
      return MODES.get(Integer.parseInt(v));
    }
    if (!MODES.contains(v)) {
      throw new IllegalArgumentException("bond-mode " + v + " is not a bonding mode");
    }
    return v;
  }

  private static String word(String field, String value) {
    return field.equals("lacpRate") && value.matches("[01]")
        ? (value.equals("1") ? "fast" : "slow")
        : value;
  }

  private static boolean truth(String value) {
    return Set.of("on", "yes", "1", "true")
        .contains(value.strip().toLowerCase(java.util.Locale.ROOT));
  }

  private static String dnsLabel(String name) {
    String label = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return label.replaceAll("^-+|-+$", "").isEmpty() ? "uplink" : label.replaceAll("^-+|-+$", "");
  }
}

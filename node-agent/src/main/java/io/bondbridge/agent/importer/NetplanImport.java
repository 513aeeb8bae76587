package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.InterfacesImport.Imported;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * netplan devices to a BondBridge: the first bond (its {@code interfaces}, {@code parameters}), the
 * bridge whose {@code interfaces} hold it, its VLANs ({@code link}: the bond) with their bridges,
 * and the top interface's addresses for this node ({@link NetplanAddresses}). Every setting it does
 * not carry is named, with why. Pure.
 */
final class NetplanImport {
  /** netplan's bond parameters and the BondOptions field each sets; times are in milliseconds. */
  private static final Map<String, String> MILLIS =
      Map.of(
          "mii-monitor-interval", "miimon",
          "up-delay", "updelay",
          "down-delay", "downdelay",
          "arp-interval", "arpInterval");

  private static final Map<String, String> NUMBERS =
      Map.of(
          "min-links", "minLinks",
          "gratuitous-arp", "numGratArp",
          "packets-per-slave", "packetsPerSlave",
          "packets-per-member", "packetsPerSlave",
          "resend-igmp", "resendIgmp",
          "learn-packet-interval", "lpInterval");

  private static final Map<String, String> WORDS =
      Map.of(
          "lacp-rate", "lacpRate",
          "transmit-hash-policy", "xmitHashPolicy",
          "ad-select", "adSelect",
          "arp-validate", "arpValidate",
          "arp-all-targets", "arpAllTargets",
          "fail-over-mac-policy", "failOverMac",
          "primary-reselect-policy", "primaryReselect");

  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried = new Carried();
  private final List<Stanza> devices;
  private final NetplanAddresses addresses;

  private NetplanImport(List<Stanza> devices, String node) {
    this.devices = devices;
    this.addresses = new NetplanAddresses(carried, node);
  }

  static Imported of(List<Stanza> devices, String node, String name) {
    return new NetplanImport(devices, node).run(node, name);
  }

  private Imported run(String node, String name) {
    Stanza bond =
        in("bonds").stream()
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no bond here: network.bonds is empty"));
    in("bonds").stream()
        .skip(1)
        .forEach(b -> carried.note(b.where() + ": not imported (one bond a BondBridge)"));
    devices.stream()
        .filter(d -> d.family().equals("global"))
        .forEach(
            g -> {
              carried.stanza(g.name());
              IfcfgImport.option(g, "version").ifPresent(carried::implied);
            });
    ObjectNode spec = ImportedSpec.forNode(node);
    spec.set("bond", bond(bond));
    Optional<Stanza> bridge = bridgeOf(bond.name());
    bridge.ifPresent(b -> spec.set("bridge", bridge(b)));
    ArrayNode vlans = vlans(bond.name());
    if (!vlans.isEmpty()) {
      spec.set("vlans", vlans);
    }
    Stanza top = bridge.orElse(bond);
    spec.set("ipv4", addresses.ipv4(top));
    addresses.ipv6(top).ifPresent(v -> spec.set("ipv6", v));
    ObjectNode document = ImportedSpec.document(name, bond.name(), spec);
    return new Imported(document, carried.notes(devices));
  }

  private ObjectNode bond(Stanza s) {
    carried.stanza(s.name());
    ObjectNode bond = json.objectNode().put("name", s.name());
    List<String> ports = words(carried.take(s, "interfaces"));
    for (String port : ports) {
      in("ethernets").stream().filter(e -> e.name().equals(port)).forEach(this::port);
    }
    bond.put("mode", BondKeys.mode(carried.take(s, "parameters.mode").orElse("balance-rr")));
    ArrayNode portList = bond.putArray("ports");
    ports.forEach(p -> portList.addObject().put("name", p));
    carried
        .take(s, "parameters.primary")
        .filter(ports::contains)
        .ifPresent(p -> bond.put("primary", p));
    ObjectNode options = json.objectNode();
    MILLIS.forEach(
        (key, field) ->
            carried.take(s, "parameters." + key).ifPresent(v -> options.put(field, millis(s, v))));
    NUMBERS.forEach(
        (key, field) ->
            carried
                .take(s, "parameters." + key)
                .ifPresent(v -> options.put(field, ImportedSpec.number(s, v))));
    WORDS.forEach(
        (key, field) ->
            carried
                .take(s, "parameters." + key)
                .ifPresent(v -> options.put(field, BondKeys.word(field, v.strip()))));
    List<String> targets = words(carried.take(s, "parameters.arp-ip-targets"));
    if (!targets.isEmpty()) {
      ArrayNode list = options.putArray("arpIpTargets");
      targets.forEach(list::add);
    }
    carried
        .take(s, "parameters.all-slaves-active", "parameters.all-members-active")
        .ifPresent(v -> options.put("allSlavesActive", BondKeys.truth(v)));
    ImportedSpec.oneLinkMonitor(carried, options, s.where(), "arp-interval");
    if (!options.isEmpty()) {
      bond.set("options", options);
    }
    carried.take(s, "mtu").ifPresent(v -> bond.put("mtu", ImportedSpec.number(s, v)));
    return bond;
  }

  /** A port's own stanza: addresses off is what a port has; its name, if set-name renames it. */
  private void port(Stanza e) {
    carried.stanza(e.name());
    for (String off : List.of("dhcp4", "dhcp6")) {
      IfcfgImport.option(e, off)
          .filter(o -> !BondKeys.truth(o.value()))
          .ifPresent(carried::implied);
    }
  }

  private Optional<Stanza> bridgeOf(String port) {
    return in("bridges").stream()
        .filter(b -> words(Optional.ofNullable(b.value("interfaces"))).contains(port))
        .findFirst();
  }

  private ObjectNode bridge(Stanza s) {
    carried.stanza(s.name());
    ObjectNode bridge = json.objectNode().put("name", s.name());
    List<String> ports = words(carried.take(s, "interfaces"));
    if (ports.size() > 1) {
      carried.note(
          s.where()
              + ": interfaces "
              + String.join(" ", ports)
              + ": a BondBridge bridge has the bond (or its VLAN) as its only port");
    }
    carried.take(s, "parameters.stp").ifPresent(v -> bridge.put("stp", BondKeys.truth(v)));
    carried
        .take(s, "parameters.forward-delay")
        .ifPresent(v -> bridge.put("forwardDelay", seconds(s, v)));
    carried.take(s, "mtu").ifPresent(v -> bridge.put("mtu", ImportedSpec.number(s, v)));
    ImportedSpec.dropIdleForwardDelay(bridge);
    return bridge;
  }

  private ArrayNode vlans(String bondName) {
    ArrayNode vlans = json.arrayNode();
    for (Stanza s : in("vlans")) {
      if (!bondName.equals(s.value("link"))) {
        continue;
      }
      carried.stanza(s.name());
      carried.take(s, "link");
      String id = carried.take(s, "id").orElse(s.name().replaceAll("^.*?(\\d+)$", "$1"));
      ObjectNode vlan = vlans.addObject().put("id", ImportedSpec.number(s, id));
      if (!s.name().equals(bondName + "." + id)) {
        vlan.put("name", s.name());
      }
      carried.take(s, "mtu").ifPresent(v -> vlan.put("mtu", ImportedSpec.number(s, v)));
      Optional<Stanza> bridge = bridgeOf(s.name());
      bridge.ifPresent(b -> vlan.set("bridge", bridge(b)));
      vlan.set("ipv4", addresses.ipv4(bridge.orElse(s)));
    }
    return vlans;
  }

  private List<Stanza> in(String section) {
    return devices.stream().filter(d -> d.family().equals(section)).toList();
  }

  static List<String> words(Optional<String> value) {
    return value.map(v -> List.of(v.strip().split("\\s+"))).orElse(List.of()).stream()
        .filter(w -> !w.isEmpty())
        .toList();
  }

  /** A netplan time in milliseconds: a bare number is milliseconds, or with ms or s after it. */
  private static int millis(Stanza s, String value) {
    String v = value.strip();
    if (v.endsWith("ms")) {
      return ImportedSpec.number(s, v.substring(0, v.length() - 2));
    }
    if (v.endsWith("s")) {
      return ImportedSpec.number(s, v.substring(0, v.length() - 1)) * 1000;
    }
    return ImportedSpec.number(s, v);
  }

  /** A netplan time in seconds: a bare number is seconds, or with s after it. */
  private static int seconds(Stanza s, String value) {
    String v = value.strip();
    return ImportedSpec.number(s, v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
  }
}

package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried = new Carried();
  private final List<Stanza> stanzas;
  private final String node;
  private final StanzaAddresses addresses;

  private InterfacesImport(List<Stanza> stanzas, String node) {
    this.stanzas = stanzas;
    this.node = node;
    this.addresses = new StanzaAddresses(carried, node);
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
    bonds.stream().skip(1).forEach(b -> carried.note(b + ": not imported (one bond a BondBridge)"));
    ObjectNode spec = ImportedSpec.forNode(node);
    spec.set("bond", bond(bondName));
    Optional<Stanza> bridge = bridgeOf(bondName);
    bridge.ifPresent(b -> spec.set("bridge", bridge(b)));
    ArrayNode vlans = vlans(bondName);
    if (!vlans.isEmpty()) {
      spec.set("vlans", vlans);
    }
    String top = bridge.map(Stanza::name).orElse(bondName);
    addresses.ipv4(inet(top, "inet")).ifPresent(v -> spec.set("ipv4", v));
    addresses.ipv6(inet(top, "inet6")).ifPresent(v -> spec.set("ipv6", v));
    ObjectNode document = ImportedSpec.document(name, bondName, spec);
    return new Imported(document, carried.notes(stanzas));
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
    carried.stanza(bondName);
    Stanza stanza = inet(bondName, "inet").orElse(null);
    List<String> ports = new ArrayList<>();
    if (stanza != null) {
      carried
          .take(stanza, "bond-slaves", "bond_slaves", "slaves")
          .ifPresent(
              v ->
                  List.of(v.split("[\\s,]+")).stream()
                      .filter(p -> !p.equals("none"))
                      .forEach(ports::add));
    }
    for (Stanza s : stanzas) {
      String master = s.value("bond-master", "bond_master");
      if (bondName.equals(master)) {
        carried.take(s, "bond-master", "bond_master");
        if (!ports.contains(s.name())) {
          ports.add(s.name());
        }
      }
    }
    ports.forEach(carried::stanza);
    bond.put("mode", "balance-rr");
    ArrayNode portList = bond.putArray("ports");
    ports.forEach(p -> portList.addObject().put("name", p));
    if (stanza == null) {
      return bond;
    }
    carried
        .take(stanza, "bond-mode", "bond_mode")
        .ifPresent(m -> bond.put("mode", BondKeys.mode(m)));
    carried
        .take(stanza, "bond-primary", "bond_primary")
        .map(v -> v.split("\\s+")[0])
        .filter(ports::contains)
        .ifPresent(p -> bond.put("primary", p));
    ObjectNode options = json.objectNode();
    BondKeys.INT_OPTIONS.forEach(
        (key, field) ->
            carried
                .take(stanza, "bond-" + key, "bond_" + key.replace('-', '_'))
                .ifPresent(v -> options.put(field, ImportedSpec.number(stanza, v))));
    BondKeys.WORD_OPTIONS.forEach(
        (key, field) ->
            carried
                .take(stanza, "bond-" + key, "bond_" + key.replace('-', '_'))
                .ifPresent(v -> options.put(field, BondKeys.word(field, v.strip()))));
    carried
        .take(stanza, "bond-arp-ip-target", "bond_arp_ip_target")
        .ifPresent(
            v -> {
              ArrayNode targets = options.putArray("arpIpTargets");
              List.of(v.split("[\\s,]+")).forEach(targets::add);
            });
    carried
        .take(stanza, "bond-use-carrier", "bond_use_carrier")
        .ifPresent(v -> options.put("useCarrier", BondKeys.truth(v)));
    carried
        .take(stanza, "bond-all-slaves-active", "bond_all_slaves_active")
        .ifPresent(v -> options.put("allSlavesActive", BondKeys.truth(v)));
    ImportedSpec.oneLinkMonitor(carried, options, stanza.where() + ": " + bondName, "arp-interval");
    if (!options.isEmpty()) {
      bond.set("options", options);
    }
    carried.take(stanza, "mtu").ifPresent(v -> bond.put("mtu", ImportedSpec.number(stanza, v)));
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
    carried.stanza(s.name());
    String ports = carried.take(s, "bridge_ports", "bridge-ports").orElse("");
    if (ports.strip().split("\\s+").length > 1) {
      carried.note(
          s.where()
              + ": "
              + s.name()
              + ": bridge_ports "
              + ports
              + ": a BondBridge bridge has the bond (or its VLAN) as its only port");
    }
    carried
        .take(s, "bridge_stp", "bridge-stp")
        .ifPresent(v -> bridge.put("stp", BondKeys.truth(v)));
    carried
        .take(s, "bridge_fd", "bridge-fd")
        .ifPresent(
            v -> bridge.put("forwardDelay", ImportedSpec.number(s, v.replaceFirst("\\.0+$", ""))));
    carried.take(s, "mtu").ifPresent(v -> bridge.put("mtu", ImportedSpec.number(s, v)));
    ImportedSpec.dropIdleForwardDelay(bridge);
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
      carried.take(s, "vlan-raw-device", "vlan_raw_device");
      carried.stanza(s.name());
      String digits = s.name().replaceAll("^.*?(\\d+)$", "$1");
      ObjectNode vlan = vlans.addObject().put("id", ImportedSpec.number(s, digits));
      if (!s.name().equals(bondName + "." + digits)) {
        vlan.put("name", s.name());
      }
      carried.take(s, "mtu").ifPresent(v -> vlan.put("mtu", ImportedSpec.number(s, v)));
      Optional<Stanza> bridge = bridgeOf(s.name());
      bridge.ifPresent(b -> vlan.set("bridge", bridge(b)));
      Stanza addressed = bridge.orElse(s);
      addresses.ipv4(Optional.of(addressed)).ifPresent(v -> vlan.set("ipv4", v));
    }
    return vlans;
  }

  private Optional<Stanza> inet(String name, String family) {
    return stanzas.stream()
        .filter(s -> s.name().equals(name) && s.family().equals(family))
        .findFirst();
  }
}

package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.InterfacesImport.Imported;
import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RHEL {@code ifcfg-*} files to a BondBridge: the first bond (its ports by their {@code MASTER=},
 * {@code BONDING_OPTS}), the bridge its {@code BRIDGE=} names, its VLANs ({@code VLAN=yes}, named
 * {@code bond0.10} or by {@code PHYSDEV} and {@code VLAN_ID}) with their bridges, and the top
 * interface's addresses for this node. Every setting it does not carry is named, with why. Pure.
 */
final class IfcfgImport {
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried = new Carried();
  private final List<Stanza> files;
  private final IfcfgAddresses addresses;

  private IfcfgImport(List<Stanza> files, String node) {
    this.files = files;
    this.addresses = new IfcfgAddresses(carried, node);
  }

  static Imported of(List<Stanza> files, String node, String name) {
    return new IfcfgImport(files, node).run(node, name);
  }

  private Imported run(String node, String name) {
    List<String> bonds = bondNames();
    if (bonds.isEmpty()) {
      throw new IllegalArgumentException(
          "no bond here: no ifcfg file has BONDING_OPTS, BONDING_MASTER=yes or TYPE=Bond, and"
              + " none names a MASTER");
    }
    String bondName = bonds.get(0);
    bonds.stream().skip(1).forEach(b -> carried.note(b + ": not imported (one bond a BondBridge)"));
    Stanza bondFile = file(bondName).orElse(null);
    ObjectNode spec = ImportedSpec.forNode(node);
    spec.set("bond", bond(bondName, bondFile));
    Optional<Stanza> bridge = bridgeOf(bondFile);
    bridge.ifPresent(b -> spec.set("bridge", bridge(b)));
    ArrayNode vlans = vlans(bondName);
    if (!vlans.isEmpty()) {
      spec.set("vlans", vlans);
    }
    Optional<Stanza> top = bridge.isPresent() ? bridge : Optional.ofNullable(bondFile);
    top.flatMap(addresses::ipv4).ifPresent(v -> spec.set("ipv4", v));
    top.flatMap(addresses::ipv6).ifPresent(v -> spec.set("ipv6", v));
    ObjectNode document = ImportedSpec.document(name, bondName, spec);
    return new Imported(document, carried.notes(files));
  }

  private List<String> bondNames() {
    List<String> names = new ArrayList<>();
    for (Stanza s : files) {
      boolean bond =
          s.value("BONDING_OPTS") != null
              || BondKeys.truth(String.valueOf(s.value("BONDING_MASTER")))
              || "bond".equalsIgnoreCase(s.value("TYPE"));
      if (bond && !names.contains(s.name())) {
        names.add(s.name());
      }
      String master = s.value("MASTER");
      if (master != null && !names.contains(master)) {
        names.add(master);
      }
    }
    return names;
  }

  private ObjectNode bond(String bondName, Stanza file) {
    ObjectNode bond = json.objectNode().put("name", bondName);
    List<String> ports = new ArrayList<>();
    for (Stanza s : files) {
      if (bondName.equals(s.value("MASTER"))) {
        carried.stanza(s.name());
        carried.take(s, "MASTER");
        carried.take(s, "SLAVE");
        structural(s);
        ports.add(s.name());
      }
    }
    bond.put("mode", "balance-rr");
    ArrayNode portList = bond.putArray("ports");
    ports.forEach(p -> portList.addObject().put("name", p));
    if (file == null) {
      carried.note(bondName + ": no ifcfg file of its own: the kernel's defaults are taken");
      return bond;
    }
    carried.stanza(bondName);
    carried.take(file, "BONDING_MASTER");
    structural(file);
    ObjectNode options = json.objectNode();
    Optional<Option> opts = option(file, "BONDING_OPTS");
    carried.take(file, "BONDING_OPTS");
    opts.ifPresent(o -> bondingOpts(o, bond, options, ports));
    opts.ifPresent(
        o ->
            ImportedSpec.oneLinkMonitor(
                carried, options, o.where() + ": " + bondName, "arp_interval"));
    if (!options.isEmpty()) {
      bond.set("options", options);
    }
    carried.take(file, "MTU").ifPresent(v -> bond.put("mtu", ImportedSpec.number(file, v)));
    return bond;
  }

  /** {@code BONDING_OPTS="mode=1 miimon=100 arp_ip_target=+10.0.0.1,10.0.0.2"}, key by key. */
  private void bondingOpts(Option o, ObjectNode bond, ObjectNode options, List<String> ports) {
    for (String pair : o.value().strip().split("\\s+")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      Optional<String> refused;
      try {
        refused = BondKeys.kernelOption(key, value, bond, options, ports);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            o.where() + ": BONDING_OPTS " + key + "=" + value + ": not a whole number");
      }
      if (refused.isPresent()) {
        carried.note(o.where() + ": BONDING_OPTS " + pair + ": not carried: " + refused.get());
      }
    }
  }

  private Optional<Stanza> bridgeOf(Stanza port) {
    if (port == null) {
      return Optional.empty();
    }
    Optional<String> name = carried.take(port, "BRIDGE");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<Stanza> bridge = file(name.get());
    if (bridge.isEmpty()) {
      carried.note(
          port.where() + ": BRIDGE=" + name.get() + ": no ifcfg file for it, not imported");
    }
    return bridge;
  }

  private ObjectNode bridge(Stanza s) {
    ObjectNode bridge = json.objectNode().put("name", s.name());
    carried.stanza(s.name());
    structural(s);
    carried.take(s, "STP").ifPresent(v -> bridge.put("stp", BondKeys.truth(v)));
    carried.take(s, "DELAY").ifPresent(v -> bridge.put("forwardDelay", ImportedSpec.number(s, v)));
    carried.take(s, "MTU").ifPresent(v -> bridge.put("mtu", ImportedSpec.number(s, v)));
    ImportedSpec.dropIdleForwardDelay(bridge);
    return bridge;
  }

  private ArrayNode vlans(String bondName) {
    ArrayNode vlans = json.arrayNode();
    for (Stanza s : files) {
      if (!BondKeys.truth(String.valueOf(s.value("VLAN")))) {
        continue;
      }
      boolean dotted = s.name().startsWith(bondName + ".");
      if (!dotted && !bondName.equals(s.value("PHYSDEV"))) {
        continue;
      }
      carried.stanza(s.name());
      carried.take(s, "VLAN");
      carried.take(s, "PHYSDEV");
      structural(s);
      String id = carried.take(s, "VLAN_ID").orElse(s.name().replaceAll("^.*?(\\d+)$", "$1"));
      ObjectNode vlan = vlans.addObject().put("id", ImportedSpec.number(s, id));
      if (!s.name().equals(bondName + "." + id)) {
        vlan.put("name", s.name());
      }
      carried.take(s, "MTU").ifPresent(v -> vlan.put("mtu", ImportedSpec.number(s, v)));
      Optional<Stanza> bridge = bridgeOf(s);
      bridge.ifPresent(b -> vlan.set("bridge", bridge(b)));
      addresses.ipv4(bridge.orElse(s)).ifPresent(v -> vlan.set("ipv4", v));
    }
    return vlans;
  }

  /** What says which file this is, that initscripts (not NetworkManager) brings it up, and how. */
  private void structural(Stanza s) {
    option(s, "DEVICE").ifPresent(carried::implied);
    option(s, "TYPE").ifPresent(carried::implied);
    option(s, "NM_CONTROLLED").ifPresent(carried::implied);
    option(s, "ONBOOT").filter(o -> BondKeys.truth(o.value())).ifPresent(carried::implied);
    // no address here: what BondBridge does with a port, or a device under a bridge, anyway
    if (s.value("IPADDR") == null && s.value("IPADDR0") == null) {
      option(s, "BOOTPROTO")
          .filter(o -> o.value().equalsIgnoreCase("none") || o.value().equalsIgnoreCase("static"))
          .ifPresent(carried::implied);
    }
  }

  private Optional<Stanza> file(String device) {
    return files.stream().filter(s -> s.name().equals(device)).findFirst();
  }

  static Optional<Option> option(Stanza s, String key) {
    return s.options().stream().filter(o -> o.key().equals(key)).findFirst();
  }
}

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
 * NetworkManager connection profiles to a BondBridge: the first {@code type=bond} profile (its
 * ports the profiles whose {@code master}/{@code controller} is it, its {@code [bond]} keys, the
 * kernel's option names), the bridge profile that is its master, its VLANs ({@code vlan.parent}:
 * the bond) with their bridges, and the top interface's addresses ({@link KeyfileAddresses}). A
 * profile is referred to by interface name, id or UUID, as NetworkManager allows. Pure.
 */
final class KeyfileImport {
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Carried carried = new Carried();
  private final List<Stanza> profiles;
  private final KeyfileAddresses addresses;

  private KeyfileImport(List<Stanza> profiles, String node) {
    this.profiles = profiles;
    this.addresses = new KeyfileAddresses(carried, node);
  }

  static Imported of(List<Stanza> profiles, String node, String name) {
    return new KeyfileImport(profiles, node).run(node, name);
  }

  private Imported run(String node, String name) {
    List<Stanza> bonds = profiles.stream().filter(p -> p.family().equals("bond")).toList();
    if (bonds.isEmpty()) {
      throw new IllegalArgumentException("no bond here: no profile has type=bond");
    }
    Stanza bond = bonds.get(0);
    bonds.stream()
        .skip(1)
        .forEach(
            b ->
                carried.note(
                    b.where() + ": " + b.name() + ": not imported (one bond a BondBridge)"));
    ObjectNode spec = ImportedSpec.forNode(node);
    spec.set("bond", bond(bond));
    Optional<Stanza> bridge = masterOf(bond, "bridge");
    bridge.ifPresent(b -> spec.set("bridge", bridge(b)));
    ArrayNode vlans = vlans(bond);
    if (!vlans.isEmpty()) {
      spec.set("vlans", vlans);
    }
    Stanza top = bridge.orElse(bond);
    addresses.ipv4(top).ifPresent(v -> spec.set("ipv4", v));
    addresses.ipv6(top).ifPresent(v -> spec.set("ipv6", v));
    return new Imported(ImportedSpec.document(name, bond.name(), spec), carried.notes(profiles));
  }

  private ObjectNode bond(Stanza s) {
    profile(s);
    ObjectNode bond = json.objectNode().put("name", s.name());
    List<String> ports = new ArrayList<>();
    for (Stanza p : profiles) {
      if (p != s && isPortOf(p, s, "bond")) {
        profile(p);
        addresses.port(p);
        ports.add(p.name());
      }
    }
    bond.put("mode", "balance-rr");
    ArrayNode portList = bond.putArray("ports");
    ports.forEach(p -> portList.addObject().put("name", p));
    ObjectNode options = json.objectNode();
    for (Option o : s.options()) {
      if (!o.key().startsWith("bond.")) {
        continue;
      }
      String key = o.key().substring("bond.".length());
      Optional<String> refused;
      try {
        refused = BondKeys.kernelOption(key, o.value(), bond, options, ports);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            o.where() + ": " + key + "=" + o.value() + ": not a whole number");
      }
      carried.implied(o);
      refused.ifPresent(
          why ->
              carried.note(
                  o.where()
                      + ": "
                      + s.name()
                      + ": "
                      + key
                      + " "
                      + o.value()
                      + ": not carried: "
                      + why));
    }
    ImportedSpec.oneLinkMonitor(carried, options, s.where() + ": " + s.name(), "arp_interval");
    if (!options.isEmpty()) {
      bond.set("options", options);
    }
    carried.take(s, "ethernet.mtu").ifPresent(v -> bond.put("mtu", ImportedSpec.number(s, v)));
    return bond;
  }

  private ObjectNode bridge(Stanza s) {
    profile(s);
    ObjectNode bridge = json.objectNode().put("name", s.name());
    // NetworkManager's defaults, which the running bridge has: STP on, 15 s forward delay
    bridge.put("stp", carried.take(s, "bridge.stp").map(BondKeys::truth).orElse(true));
    bridge.put(
        "forwardDelay",
        carried.take(s, "bridge.forward-delay").map(v -> ImportedSpec.number(s, v)).orElse(15));
    carried.take(s, "ethernet.mtu").ifPresent(v -> bridge.put("mtu", ImportedSpec.number(s, v)));
    ImportedSpec.dropIdleForwardDelay(bridge);
    return bridge;
  }

  private ArrayNode vlans(Stanza bond) {
    ArrayNode vlans = json.arrayNode();
    for (Stanza s : profiles) {
      if (!s.family().equals("vlan") || !refersTo(s.value("vlan.parent"), bond)) {
        continue;
      }
      profile(s);
      carried.take(s, "vlan.parent");
      String id = carried.take(s, "vlan.id").orElse(s.name().replaceAll("^.*?(\\d+)$", "$1"));
      ObjectNode vlan = vlans.addObject().put("id", ImportedSpec.number(s, id));
      if (!s.name().equals(bond.name() + "." + id)) {
        vlan.put("name", s.name());
      }
      carried.take(s, "ethernet.mtu").ifPresent(v -> vlan.put("mtu", ImportedSpec.number(s, v)));
      Optional<Stanza> bridge = masterOf(s, "bridge");
      bridge.ifPresent(b -> vlan.set("bridge", bridge(b)));
      Stanza addressed = bridge.orElse(s);
      addresses.ipv4(addressed).ifPresent(v -> vlan.set("ipv4", v));
      // a VLAN has no ipv6 block: IPv6 left alone by NetworkManager is what BondBridge does too
      IfcfgImport.option(addressed, "ipv6.method")
          .filter(o -> o.value().strip().equals("ignore"))
          .ifPresent(carried::implied);
    }
    return vlans;
  }

  /** The profile of this kind that the given one is a port of. */
  private Optional<Stanza> masterOf(Stanza port, String kind) {
    return profiles.stream()
        .filter(p -> p.family().equals(kind) && isPortOf(port, p, kind))
        .findFirst();
  }

  private boolean isPortOf(Stanza port, Stanza master, String kind) {
    String ref = port.value("connection.master", "connection.controller");
    String type = port.value("connection.slave-type", "connection.port-type");
    return refersTo(ref, master) && (type == null || type.strip().equals(kind));
  }

  private static boolean refersTo(String ref, Stanza profile) {
    if (ref == null) {
      return false;
    }
    String r = ref.strip();
    return r.equals(profile.name())
        || r.equals(profile.value("connection.id"))
        || r.equals(profile.value("connection.uuid"));
  }

  /** A profile taken in: what says which it is, and what makes it a port, are carried by it. */
  private void profile(Stanza s) {
    carried.stanza(s.name());
    for (String key :
        List.of(
            "connection.id",
            "connection.uuid",
            "connection.type",
            "connection.interface-name",
            "connection.master",
            "connection.controller",
            "connection.slave-type",
            "connection.port-type",
            "connection.autoconnect-slaves",
            "connection.autoconnect-ports")) {
      IfcfgImport.option(s, key).ifPresent(carried::implied);
    }
    IfcfgImport.option(s, "connection.autoconnect")
        .filter(o -> BondKeys.truth(o.value()))
        .ifPresent(carried::implied);
  }
}

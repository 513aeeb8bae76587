package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.agent.importer.Stanzas.Stanza;

/**
 * What every import writes the same way, whatever it read: the document, and the kernel's rules.
 */
final class ImportedSpec {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ImportedSpec() {}

  /** A spec that selects this one node. */
  static ObjectNode forNode(String node) {
    ObjectNode spec = JSON.objectNode();
    spec.putObject("nodeSelector").putObject("matchLabels").put("kubernetes.io/hostname", node);
    return spec;
  }

  /** The BondBridge around the spec, which adopts the devices as they are: the host made them. */
  static ObjectNode document(String name, String bondName, ObjectNode spec) {
    spec.put("adopt", true);
    ObjectNode document = JSON.objectNode();
    document.put("apiVersion", "bondbridge.io/v1alpha1");
    document.put("kind", "BondBridge");
    document.putObject("metadata").put("name", name == null ? BondKeys.dnsLabel(bondName) : name);
    document.set("spec", spec);
    return document;
  }

  /**
   * The kernel runs one link monitor, and with both set it runs MII (seed 001's own {@code
   * /proc/net/bonding} shows it): the ARP monitor is left out, and named.
   */
  static void oneLinkMonitor(Carried carried, ObjectNode options, String where, String what) {
    if (options.path("miimon").asInt() > 0 && options.path("arpInterval").asInt() > 0) {
      carried.note(
          where
              + ": the ARP monitor ("
              + what
              + " "
              + options.remove("arpInterval").asText()
              + "): the kernel runs one link monitor, and with miimon set it runs MII");
      options.remove("arpIpTargets");
    }
  }

  /** A forward delay without STP says nothing: the kernel forwards at once anyway. */
  static void dropIdleForwardDelay(ObjectNode bridge) {
    if (bridge.has("forwardDelay")
        && !bridge.path("stp").asBoolean(false)
        && bridge.get("forwardDelay").asInt() < 2) {
      bridge.remove("forwardDelay");
    }
  }

  /** A whole number of the stanza (or file); else the import stops, naming where. */
  static int number(Stanza s, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          s.where() + ": " + s.name() + ": " + value.strip() + " is not a whole number");
    }
  }
}

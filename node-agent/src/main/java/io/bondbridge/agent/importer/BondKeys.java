package io.bondbridge.agent.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bonding driver's option names, as ifenslave spells them ({@code bond-arp-interval}) and as
 * the kernel and {@code BONDING_OPTS} do ({@code arp_interval}), and the BondOptions field each
 * sets. Shared by the importers, so both read a mode or a rate the same way.
 */
final class BondKeys {
  static final List<String> MODES =
      List.of(
          "balance-rr",
          "active-backup",
          "balance-xor",
          "broadcast",
          "802.3ad",
          "balance-tlb",
          "balance-alb");

  /** Whole-number options, by their hyphenated name. */
  static final Map<String, String> INT_OPTIONS =
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

  /** Options that take a word, by their hyphenated name. */
  static final Map<String, String> WORD_OPTIONS =
      Map.of(
          "lacp-rate", "lacpRate",
          "xmit-hash-policy", "xmitHashPolicy",
          "primary-reselect", "primaryReselect",
          "fail-over-mac", "failOverMac",
          "ad-select", "adSelect",
          "arp-validate", "arpValidate",
          "arp-all-targets", "arpAllTargets");

  private BondKeys() {}

  /**
   * One option by the kernel's name ({@code BONDING_OPTS}' pairs, a NetworkManager keyfile's {@code
   * [bond]} keys) into the bond or its options. Returns why it is not carried, if it is not.
   *
   * @throws NumberFormatException a whole-number option whose value is none
   */
  static Optional<String> kernelOption(
      String key, String value, ObjectNode bond, ObjectNode options, List<String> ports) {
    String hyphenated = key.replace('_', '-');
    if (key.equals("mode")) {
      bond.put("mode", mode(value));
    } else if (key.equals("primary")) {
      if (!ports.contains(value)) {
        return Optional.of("not one of the bond's ports");
      }
      bond.put("primary", value);
    } else if (INT_OPTIONS.containsKey(hyphenated)) {
      options.put(INT_OPTIONS.get(hyphenated), Integer.parseInt(value.strip()));
    } else if (WORD_OPTIONS.containsKey(hyphenated)) {
      String field = WORD_OPTIONS.get(hyphenated);
      options.put(field, word(field, value.strip()));
    } else if (key.equals("arp_ip_target")) {
      ArrayNode targets = options.withArray("arpIpTargets");
      for (String t : value.strip().split("[,\\s]+")) {
        if (!t.isEmpty()) {
          targets.add(t.replaceFirst("^\\+", ""));
        }
      }
    } else if (key.equals("use_carrier")) {
      options.put("useCarrier", truth(value));
    } else if (key.equals("all_slaves_active")) {
      options.put("allSlavesActive", truth(value));
    } else {
      return Optional.of("BondBridge has no such bond option");
    }
    return Optional.empty();
  }

  /** A mode by number (0-6) or name; else the import stops, naming it. */
  static String mode(String value) {
    String v = value.strip();
    if (v.matches("[0-6]")) {
      return MODES.get(Integer.parseInt(v));
    }
    if (!MODES.contains(v)) {
      throw new IllegalArgumentException("mode " + v + " is not a bonding mode");
    }
    return v;
  }

  /** A word option's value as BondOptions has it (lacp_rate 0/1 is slow/fast). */
  static String word(String field, String value) {
    return field.equals("lacpRate") && value.matches("[01]")
        ? (value.equals("1") ? "fast" : "slow")
        : value;
  }

  static boolean truth(String value) {
    return Set.of("on", "yes", "1", "true").contains(value.strip().toLowerCase(Locale.ROOT));
  }

  /** A name that Kubernetes takes as an object's name, from a device's. */
  static String dnsLabel(String name) {
    String label =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    return label.isEmpty() ? "uplink" : label;
  }
}

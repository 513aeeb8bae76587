package io.bondbridge.agent.observe;

import io.bondbridge.agent.host.BondPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One bond's /proc/net/bonding/BOND file: the view admins know from the seeds ("Currently Active
 * Slave", "Link Failure Count"), and the only place the kernel reports a port's speed and duplex.
 *
 * <p>The format differs between kernels: 2.6-era kernels (seed 001) print no Speed/Duplex lines and
 * no "(primary_reselect ...)" suffix; newer ones add ARP, peer-notification and 802.3ad blocks. The
 * parser therefore reads "Label: value" lines it knows and skips everything else.
 *
 * @param modeDescription the "Bonding Mode" text, e.g. "fault-tolerance (active-backup)"
 * @param primaryPort "Primary Slave", or null for None
 * @param activePort "Currently Active Slave", or null for None or where the mode has none
 * @param miiStatus the bond's "MII Status", lowercased
 * @param header every "Label: value" line before the first port, by label as the kernel prints it
 * @param ports the ports in the kernel's order; {@link BondPort#state()} is null here, since
 *     /proc/net/bonding does not say which ports the bond sends through
 */
public record ProcNetBonding(
    String modeDescription,
    String primaryPort,
    String activePort,
    String miiStatus,
    Map<String, String> header,
    List<BondPort> ports) {

  /** The mode names of /proc (bond_mode_name() in the kernel) and their sysfs names. */
  private static final Map<String, String> MODES =
      Map.of(
          "load balancing (round-robin)", "balance-rr",
          "fault-tolerance (active-backup)", "active-backup",
          "load balancing (xor)", "balance-xor",
          "fault-tolerance (broadcast)", "broadcast",
          "IEEE 802.3ad Dynamic link aggregation", "802.3ad",
          "transmit load balancing", "balance-tlb",
          "adaptive load balancing", "balance-alb");

  private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5,19}");
  private static final Pattern LEADING_INT = Pattern.compile("^(\\d+).*");

  private static final String PORT_LABEL = "Slave Interface";

  public ProcNetBonding {
    header = header == null ? Map.of() : Map.copyOf(header);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  public static ProcNetBonding parse(String text) {
    Map<String, String> header = new LinkedHashMap<>();
    List<BondPort> ports = new ArrayList<>();
    PortBuilder port = null;
    for (String line : text.split("\\R")) {
      // Indented lines are sub-blocks (802.3ad aggregator and LACPDU details) whose labels
      // ("system mac address", "Aggregator ID") would otherwise be mistaken for the port's own.
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      String[] kv = split(line);
      if (kv == null) {
        continue;
      }
      if (PORT_LABEL.equals(kv[0])) {
        if (port != null) {
          ports.add(port.build());
        }
        port = new PortBuilder(kv[1]);
      } else if (port != null) {
        port.accept(kv[0], kv[1]);
      } else {
        header.putIfAbsent(kv[0], kv[1]);
      }
    }
    if (port != null) {
      ports.add(port.build());
    }
    String primary = header.get("Primary Slave");
    if (primary != null) {
      int paren = primary.indexOf(" (");
      primary = paren < 0 ? primary : primary.substring(0, paren);
    }
    return new ProcNetBonding(
        header.get("Bonding Mode"),
        noneToNull(primary),
        noneToNull(header.get("Currently Active Slave")),
        lower(header.get("MII Status")),
        header,
        ports);
  }

  /** The mode by its sysfs/iproute2 name ("active-backup"), or null for a text we do not know. */
  public String mode() {
    return modeDescription == null ? null : MODES.get(modeDescription);
  }

  /**
   * The options this file reveals, by kernel (sysfs) name. Sysfs reports all of them; these are the
   * fallback for a host where sysfs could not be read.
   */
  public Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    putIfPresent(options, "mode", mode());
    putIfPresent(options, "primary", primaryPort);
    putIfPresent(options, "primary_reselect", primaryReselect());
    putIfPresent(options, "miimon", header.get("MII Polling Interval (ms)"));
    putIfPresent(options, "updelay", header.get("Up Delay (ms)"));
    putIfPresent(options, "downdelay", header.get("Down Delay (ms)"));
    putIfPresent(options, "peer_notif_delay", header.get("Peer Notification Delay (ms)"));
    putIfPresent(options, "arp_interval", header.get("ARP Polling Interval (ms)"));
    putIfPresent(options, "arp_missed_max", header.get("ARP Missed Max"));
    String targets = header.get("ARP IP target/s (n.n.n.n form)");
    // /proc separates the targets with commas, sysfs with spaces.
    putIfPresent(options, "arp_ip_target", targets == null ? null : targets.replace(',', ' '));
    putIfPresent(options, "xmit_hash_policy", dropNumber(header.get("Transmit Hash Policy")));
    putIfPresent(options, "lacp_active", header.get("LACP active"));
    putIfPresent(options, "lacp_rate", header.get("LACP rate"));
    putIfPresent(options, "min_links", header.get("Min links"));
    putIfPresent(options, "ad_select", header.get("Aggregator selection policy (ad_select)"));
    return options;
  }

  private String primaryReselect() {
    String primary = header.get("Primary Slave");
    if (primary == null) {
      return null;
    }
    int start = primary.indexOf("(primary_reselect ");
    int end = primary.lastIndexOf(')');
    return start < 0 || end < start ? null : primary.substring(start + 18, end);
  }

  /** Splits "Label: value"; a label with nothing after it ("NS IPv6 target/s (xx::xx form):"). */
  private static String[] split(String line) {
    // ": " rather than ':' because labels ("xx::xx form") and values (MACs) contain colons.
    int sep = line.indexOf(": ");
    if (sep >= 0) {
      return new String[] {line.substring(0, sep).strip(), line.substring(sep + 2).strip()};
    }
    if (line.endsWith(":")) {
      return new String[] {line.substring(0, line.length() - 1).strip(), ""};
    }
    return null;
  }

  private static final class PortBuilder {
    private final String name;
    private String mii;
    private long failures;
    private String permanentMac;
    private Integer speed;
    private String duplex;

    PortBuilder(String name) {
      this.name = name;
    }

    void accept(String label, String value) {
      switch (label) {
        case "MII Status" -> mii = lower(value);
        case "Link Failure Count" -> failures = parseLong(value);
        case "Permanent HW addr" -> permanentMac = mac(value);
        case "Speed" -> speed = speed(value);
        case "Duplex" -> duplex = known(lower(value));
        default -> {
          // Slave queue ID, Aggregator ID, churn states, ...: not part of BondPort.
        }
      }
    }

    BondPort build() {
      return new BondPort(name, mii, failures, permanentMac, speed, duplex, null);
    }
  }

  /** "10000 Mbps" → 10000; "Unknown" (no carrier, or a driver that does not say) → null. */
  private static Integer speed(String value) {
    var m = LEADING_INT.matcher(value);
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  /** A MAC, lowercased, or null for anything else (seed 001 masks them as "[MAC Address]"). */
  private static String mac(String value) {
    return MAC.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : null;
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String known(String value) {
    return value == null || value.isEmpty() || "unknown".equals(value) ? null : value;
  }

  private static String noneToNull(String value) {
    return value == null || value.isEmpty() || "None".equals(value) ? null : value;
  }

  private static String dropNumber(String value) {
    // "layer3+4 (1)" → "layer3+4"
    return value == null ? null : value.replaceFirst("\\s*\\(\\d+\\)$", "");
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}

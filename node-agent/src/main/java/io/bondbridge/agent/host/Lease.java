package io.bondbridge.agent.host;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A lease as the hook script last wrote it down ({@code key=value} lines, see dhclient-hook): a
 * DHCPv4 one with its netmask ({@code mask=}), a DHCPv6 one with its prefix length ({@code
 * prefix=}, 128 for dhclient's addresses: the on-link prefix comes from router advertisements).
 *
 * @param address with prefix length, e.g. 10.0.0.120/24 or 2001:db8:1::1e4/128
 * @param server the DHCPv4 server's address, or the DHCPv6 server's DUID
 * @param expiry when it ends unless renewed; null if the client did not say
 */
public record Lease(
    String interfaceName, String address, String server, String gateway, Instant expiry) {

  /** The summary's lease, or empty when it is not a whole one. Pure. */
  public static Optional<Lease> parse(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    String device = values.get("interface");
    String ip = values.get("address");
    Integer prefix =
        values.containsKey("prefix")
            ? prefix6(values.get("prefix"))
            : prefixLength(values.getOrDefault("mask", ""));
    if (isBlank(device) || isBlank(ip) || prefix == null) {
      return Optional.empty();
    }
    String router = values.getOrDefault("routers", "").strip();
    int space = router.indexOf(' ');
    return Optional.of(
        new Lease(
            device,
            ip + "/" + prefix,
            blankToNull(values.get("server")),
            blankToNull(space < 0 ? router : router.substring(0, space)),
            epoch(values.get("expiry"))));
  }

  /** 255.255.255.0 → 24; null for what is not a netmask. */
  static Integer prefixLength(String mask) {
    String[] octets = mask.split("\\.");
    if (octets.length != 4) {
      return null;
    }
    long bits = 0;
    try {
      for (String octet : octets) {
        int value = Integer.parseInt(octet);
        if (value < 0 || value > 255) {
          return null;
        }
        bits = bits << 8 | value;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    int prefix = Long.bitCount(bits);
    long expected = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return bits == expected ? prefix : null;
  }

  /** "128" → 128; null for what is not an IPv6 prefix length. */
  static Integer prefix6(String length) {
    try {
      int value = Integer.parseInt(length.strip());
      return value >= 1 && value <= 128 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant epoch(String seconds) {
    try {
      return seconds == null || seconds.isBlank()
          ? null
          : Instant.ofEpochSecond(Long.parseLong(seconds));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s;
  }
}

package io.bondbridge.agent.host;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A lease as the hook script last wrote it down ({@code key=value} lines, see dhclient-hook).
 *
 * @param address with prefix length, e.g. 10.0.0.120/24
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
    Integer prefix = prefixLength(values.getOrDefault("mask", ""));
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

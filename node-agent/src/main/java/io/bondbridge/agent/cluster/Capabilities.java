package io.bondbridge.agent.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's effective capabilities, from {@code /proc/self/status}. The chart grants NET_ADMIN
 * and NET_RAW and nothing else; a pod spec that lost one should be told at start, in one log line
 * that names the fix, not found out at the first change as "Operation not permitted".
 */
public record Capabilities(long effective) {
  /** What the agent needs, by capability number (linux/capability.h). */
  static final Map<String, Integer> NEEDED = Map.of("NET_ADMIN", 12, "NET_RAW", 13);

  /** Reads {@code CapEff} of a /proc/PID/status text. */
  public static Capabilities parse(String procStatus) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith("CapEff:")) {
        return new Capabilities(Long.parseUnsignedLong(line.substring(7).strip(), 16));
      }
    }
    throw new IllegalArgumentException("no CapEff line in the process status");
  }

  /** This process's, or null where there is no /proc (not Linux). */
  public static Capabilities ofThisProcess() {
    try {
      return parse(Files.readString(Path.of("/proc/self/status")));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** CAP_NET_BIND_SERVICE: what a DHCP client needs to bind its port (68, 546). */
  static final int NET_BIND_SERVICE = 10;

  /**
   * Whether this process's DHCP clients can bind their ports: with CAP_NET_BIND_SERVICE (the
   * chart's agent.dhcp.enabled), or where capabilities cannot be read (no /proc: not Linux).
   */
  public static boolean mayRunDhcpClients() {
    Capabilities caps = ofThisProcess();
    return caps == null || (caps.effective & (1L << NET_BIND_SERVICE)) != 0;
  }

  /** The needed capabilities this process lacks, sorted by name. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    NEEDED.forEach(
        (name, bit) -> {
          if ((effective & (1L << bit)) == 0) {
            missing.add(name);
          }
        });
    missing.sort(null);
    return missing;
  }
}

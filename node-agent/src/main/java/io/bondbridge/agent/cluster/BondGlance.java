package io.bondbridge.agent.cluster;

import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A quick look at a bond (/proc/net/bonding only) over its last full observation. Pure: it must
 * give what the full observation that follows gives, or every link event would write twice.
 */
final class BondGlance {
  private BondGlance() {}

  /** The full view of a bond with the dynamic parts of a quick look. */
  static BondState merge(BondState full, BondState quick) {
    Map<String, BondPort> now = new HashMap<>();
    quick.ports().forEach(p -> now.put(p.name(), p));
    boolean activeBackup = quick.activePort() != null || full.activePort() != null;
    List<BondPort> ports = new ArrayList<>();
    for (BondPort p : full.ports()) {
      BondPort q = now.get(p.name());
      if (q == null) {
        ports.add(p);
        continue;
      }
      String state =
          activeBackup ? (p.name().equals(quick.activePort()) ? "active" : "backup") : p.state();
      ports.add(
          new BondPort(
              p.name(),
              q.miiStatus(),
              q.linkFailures(),
              p.permanentMac(),
              p.speedMbps(),
              p.duplex(),
              state));
    }
    // the two options that are state, not configuration
    Map<String, String> options = new TreeMap<>(full.options());
    options.computeIfPresent(
        "active_slave", (k, v) -> quick.activePort() == null ? "" : quick.activePort());
    options.computeIfPresent(
        "mii_status", (k, v) -> quick.miiStatus() == null ? v : quick.miiStatus());
    return new BondState(
        full.name(), full.mode(), options, quick.activePort(), quick.miiStatus(), ports);
  }
}

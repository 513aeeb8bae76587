package io.bondbridge.agent.drill;

import io.bondbridge.api.v1alpha1.DrillPort;
import java.util.List;

/**
 * A failover drill on one bond: why it did not start, or each port's result in the order drilled.
 *
 * @param method how each port was failed: {@code link} (the port's link set down, as a pulled
 *     cable) or {@code active} (the active port switched away from it, as {@code ifenslave -c})
 * @param gateway the address probed every 10 ms throughout
 * @param targets the probe targets besides: pinged every 10 ms too, or (host:port) connected to
 *     before the drill and before each port
 * @param refusals why the drill did not start; empty when it ran
 * @param stopped why it stopped before the last port (every port was put back); null when it
 *     drilled them all
 */
public record DrillReport(
    String bond,
    String method,
    String gateway,
    List<String> targets,
    List<String> refusals,
    List<DrillPort> ports,
    String stopped) {

  public DrillReport {
    targets = List.copyOf(targets);
    refusals = List.copyOf(refusals);
    ports = List.copyOf(ports);
  }

  static DrillReport refused(String bond, String method, List<String> refusals) {
    return new DrillReport(bond, method, null, List.of(), refusals, List.of(), null);
  }

  public boolean isRefused() {
    return !refusals.isEmpty();
  }

  /** Every port went out and came back as it should. */
  public boolean ok() {
    return !isRefused() && stopped == null && ports.stream().allMatch(DrillPort::ok);
  }

  /** In one line: each port's failover and loss, or why it did not start or stopped. */
  public String summary() {
    if (isRefused()) {
      return "refused, no port was failed: " + String.join("; ", refusals);
    }
    StringBuilder out = new StringBuilder(bond).append(':');
    for (DrillPort p : ports) {
      out.append(' ')
          .append(p.port())
          .append(' ')
          .append(p.failoverMillis() == null ? "not failed over" : p.failoverMillis() + " ms")
          .append(", ")
          .append(p.lost())
          .append(" lost")
          .append(p.restoreMillis() == null ? ", not whole again" : "")
          .append(';');
    }
    if (ports.isEmpty()) {
      out.append(" no port drilled;");
    }
    out.setLength(out.length() - 1);
    return stopped == null ? out.toString() : out + "; " + stopped;
  }
}

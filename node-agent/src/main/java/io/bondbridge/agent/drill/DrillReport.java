package io.bondbridge.agent.drill;

import java.util.List;

/**
 * A failover drill on one bond: why it did not start, or each port's result in the order drilled.
 *
 * @param method how each port was failed: {@code link} (the port's link set down, as a pulled
 *     cable) or {@code active} (the active port switched away from it, as {@code ifenslave -c})
 * @param gateway the address probed every 10 ms throughout
 * @param refusals why the drill did not start; empty when it ran
 */
public record DrillReport(
    String bond, String method, String gateway, List<String> refusals, List<PortResult> ports) {

  public DrillReport {
    refusals = List.copyOf(refusals);
    ports = List.copyOf(ports);
  }

  static DrillReport refused(String bond, String method, List<String> refusals) {
    return new DrillReport(bond, method, null, refusals, List.of());
  }

  public boolean isRefused() {
    return !refusals.isEmpty();
  }

  /** Every port went out and came back as it should. */
  public boolean ok() {
    return !isRefused() && ports.stream().allMatch(PortResult::ok);
  }
}

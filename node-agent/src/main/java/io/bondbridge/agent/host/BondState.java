package io.bondbridge.agent.host;

import java.util.List;
import java.util.Map;

/**
 * A bond as the kernel reports it.
 *
 * @param options every option from /sys/class/net/BOND/bonding, by kernel name, value as the kernel
 *     prints it without the trailing number ("active-backup 1" → "active-backup")
 * @param activePort "Currently Active Slave", or null
 * @param miiStatus the bond's MII Status
 */
public record BondState(
    String name,
    String mode,
    Map<String, String> options,
    String activePort,
    String miiStatus,
    List<BondPort> ports) {

  public BondState {
    options = options == null ? Map.of() : Map.copyOf(options);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** Modes with one sending port, which the kernel (or an admin) picks: "Currently Active". */
  public static final java.util.Set<String> ACTIVE_PORT_MODES =
      java.util.Set.of("active-backup", "balance-tlb", "balance-alb");

  /** Whether this bond's mode has one active port. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean hasActivePort() {
    return ACTIVE_PORT_MODES.contains(mode);
  }

  public long portsUp() {
    return ports.stream().filter(BondPort::isUp).count();
  }

  public long linkFailures() {
    return ports.stream().mapToLong(BondPort::linkFailures).sum();
  }
}

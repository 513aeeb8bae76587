package io.bondbridge.agent.cluster;

/**
 * One thing the kernel did to a bond between two observations, worded like the kernel's own log
 * lines, e.g. {@code bond0: eth0 link down, eth1 is now the active port (eth0 link failures: 1)}.
 *
 * @param reason the Kubernetes Event reason: Failover, PortDown, PortUp or PortFlapped
 * @param warning true for an Event of type Warning (less redundancy), false for Normal
 * @param port the port the change is about (for a bare failover: the new active port)
 */
public record LinkChange(String reason, boolean warning, String bond, String port, String message) {
  public static final String FAILOVER = "Failover";
  public static final String PORT_DOWN = "PortDown";
  public static final String PORT_UP = "PortUp";
  public static final String PORT_FLAPPED = "PortFlapped";

  public String eventType() {
    return warning ? "Warning" : "Normal";
  }
}

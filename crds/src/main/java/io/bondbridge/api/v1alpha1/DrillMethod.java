package io.bondbridge.api.v1alpha1;

/** How a failover drill fails each port of a bond. */
public enum DrillMethod {
  /** The port's link set down and up again, as a pulled and plugged cable (seed 001). */
  link,
  /** The active port switched to each backup port and back, as {@code ifenslave -c} did. */
  active
}

package io.bondbridge.api.v1alpha1;

/**
 * The CEL rules on {@link BondOptions} that keep its link monitor one the kernel runs as meant: MII
 * or ARP (never both, never none), ARP with its targets, delays in whole MII intervals. An
 * annotation value must be a constant, hence the pairs of rule and message.
 */
final class LinkMonitorRules {
  /** Not both monitors: the kernel runs one, MII or ARP. */
  static final String ONE_MONITOR =
      "!(has(self.miimon) && self.miimon > 0 && has(self.arpInterval) && self.arpInterval > 0)";

  static final String ONE_MONITOR_MESSAGE =
      "miimon and arpInterval cannot both be set: the kernel runs one link monitor, MII or ARP;"
          + " remove one of them";

  /** Not miimon 0 without ARP: a bond without a monitor never fails over. */
  static final String SOME_MONITOR =
      "!has(self.miimon) || self.miimon > 0 || (has(self.arpInterval) && self.arpInterval > 0)";

  static final String SOME_MONITOR_MESSAGE =
      "miimon: 0 without arpInterval leaves the bond without link monitoring, so it would never"
          + " fail over; remove miimon (100 is used) or set arpInterval and arpIpTargets";

  /** ARP monitoring needs its targets. */
  static final String ARP_NEEDS_TARGETS =
      "!has(self.arpInterval) || self.arpInterval == 0 || has(self.arpIpTargets)";

  static final String ARP_NEEDS_TARGETS_MESSAGE =
      "arpInterval needs arpIpTargets: the 1 to 16 IPv4 addresses the bond sends ARP probes to";

  /** Targets are probed only by the ARP monitor. */
  static final String TARGETS_NEED_ARP =
      "!has(self.arpIpTargets) || (has(self.arpInterval) && self.arpInterval > 0)";

  static final String TARGETS_NEED_ARP_MESSAGE =
      "arpIpTargets are probed only when arpInterval is set: set arpInterval (ms) too";

  /** up- and downdelay count MII intervals: not with ARP monitoring. */
  static final String DELAYS_NEED_MII =
      "!(has(self.arpInterval) && self.arpInterval > 0) || ((!has(self.updelay) || self.updelay"
          + " == 0) && (!has(self.downdelay) || self.downdelay == 0))";

  static final String DELAYS_NEED_MII_MESSAGE =
      "updelay and downdelay work only with MII monitoring (miimon), not with ARP monitoring"
          + " (arpInterval)";

  /** updelay in whole MII intervals: the kernel would round it down. */
  static final String UPDELAY_MULTIPLE =
      "!has(self.updelay) || self.updelay % (has(self.miimon) && self.miimon > 0 ? self.miimon :"
          + " 100) == 0";

  static final String UPDELAY_MULTIPLE_MESSAGE =
      "updelay must be a multiple of miimon (100 when miimon is not set); the kernel would round"
          + " it down";

  /** downdelay in whole MII intervals: the kernel would round it down. */
  static final String DOWNDELAY_MULTIPLE =
      "!has(self.downdelay) || self.downdelay % (has(self.miimon) && self.miimon > 0 ?"
          + " self.miimon : 100) == 0";

  static final String DOWNDELAY_MULTIPLE_MESSAGE =
      "downdelay must be a multiple of miimon (100 when miimon is not set); the kernel would"
          + " round it down";

  private LinkMonitorRules() {}
}

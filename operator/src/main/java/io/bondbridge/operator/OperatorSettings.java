package io.bondbridge.operator;

import java.time.Duration;

/**
 * Everything an operator run can be told, in one place (set by {@link OperatorMain} from flags and
 * environment variables).
 *
 * @param agentTimeout how long a BondBridgeNode may wait for its agent to report on a new spec
 *     before the node counts as failed with reason NoAgent
 * @param leaderElection run only while holding the Lease, so that replicas can stand by
 * @param leaseName name of that Lease
 * @param leaseNamespace its namespace; null: the namespace the operator runs in
 * @param leaseTimings how long the Lease lasts, how long the leader tries to renew it, how often
 * @param leaseIdentity this replica's name in the Lease; null: JOSDK's default (the HOSTNAME
 *     environment variable, i.e. the pod's name, else a random UUID). Tests running several
 *     operators in one JVM give each its own.
 * @param reconcileThreads BondBridges reconciled in parallel
 * @param exitOnStopLeading exit the process when the lease is lost (in production: yes, so that the
 *     replica restarts clean; in tests: no)
 * @param eventNamespace where Events about BondBridges (cluster-scoped) go, as the agent's do
 */
public record OperatorSettings(
    Duration agentTimeout,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    LeaseTimings leaseTimings,
    String leaseIdentity,
    int reconcileThreads,
    boolean exitOnStopLeading,
    String eventNamespace) {

  public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofMinutes(5);
  public static final String DEFAULT_LEASE_NAME = "bondbridge-operator";
  public static final String DEFAULT_EVENT_NAMESPACE = "default";

  /**
   * The leader-election clock, as Kubernetes' own controllers (and JOSDK) have it by default: a
   * Lease lasts {@code duration} after its last renewal; the leader renews every {@code
   * retryPeriod} and gives up leading when it could not renew for {@code renewDeadline}; a standby
   * replica looks at the Lease every {@code retryPeriod} (with jitter) and takes it once it has
   * expired. So a replica that dies is replaced after about {@code duration}.
   *
   * @param duration whole seconds (the Lease stores leaseDurationSeconds)
   * @param renewDeadline shorter than {@code duration}
   * @param retryPeriod such that 1.2 × {@code retryPeriod} (its jitter) is shorter than {@code
   *     renewDeadline}
   */
  public record LeaseTimings(Duration duration, Duration renewDeadline, Duration retryPeriod) {
    public static final LeaseTimings DEFAULT =
        new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));

    public LeaseTimings {
      if (duration.isNegative()
          || duration.getSeconds() < 1
          || duration.getNano() != 0
          || renewDeadline.compareTo(duration) >= 0
          || retryPeriod.isNegative()
          || retryPeriod.isZero()
          || retryPeriod.multipliedBy(12).dividedBy(10).compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException(
            "lease timings must be: duration whole seconds > renew deadline > 1.2 × retry period"
                + " > 0; got duration "
                + duration
                + ", renew deadline "
                + renewDeadline
                + ", retry period "
                + retryPeriod);
      }
    }
  }

  public static OperatorSettings defaults() {
    return new OperatorSettings(
        DEFAULT_AGENT_TIMEOUT,
        false,
        DEFAULT_LEASE_NAME,
        null,
        LeaseTimings.DEFAULT,
        null,
        5,
        true,
        DEFAULT_EVENT_NAMESPACE);
  }

  public OperatorSettings withAgentTimeout(Duration timeout) {
    return new OperatorSettings(
        timeout,
        leaderElection,
        leaseName,
        leaseNamespace,
        leaseTimings,
        leaseIdentity,
        reconcileThreads,
        exitOnStopLeading,
        eventNamespace);
  }

  /** Leader election on the Lease {@code namespace/name} as {@code identity}, on these timings. */
  public OperatorSettings withLeaderElection(
      String name,
      String namespace,
      String identity,
      LeaseTimings timings,
      boolean exitWhenLeadershipIsLost) {
    return new OperatorSettings(
        agentTimeout,
        true,
        name,
        namespace,
        timings,
        identity,
        reconcileThreads,
        exitWhenLeadershipIsLost,
        eventNamespace);
  }
}

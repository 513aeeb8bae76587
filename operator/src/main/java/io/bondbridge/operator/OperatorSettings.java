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
 * @param reconcileThreads BondBridges reconciled in parallel
 * @param exitOnStopLeading exit the process when the lease is lost (in production: yes, so that the
 *     replica restarts clean; in tests: no)
 */
public record OperatorSettings(
    Duration agentTimeout,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int reconcileThreads,
    boolean exitOnStopLeading) {

  public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofMinutes(5);
  public static final String DEFAULT_LEASE_NAME = "bondbridge-operator";

  public static OperatorSettings defaults() {
    return new OperatorSettings(DEFAULT_AGENT_TIMEOUT, false, DEFAULT_LEASE_NAME, null, 5, true);
  }

  public OperatorSettings withAgentTimeout(Duration timeout) {
    return new OperatorSettings(
        timeout, leaderElection, leaseName, leaseNamespace, reconcileThreads, exitOnStopLeading);
  }
}

package io.bondbridge.operator.model;

/**
 * Where one selected node stands in the rollout.
 *
 * @param current its BondBridgeNode carries the spec of the current generation
 */
public record NodeState(
    String node, Health health, boolean current, String reason, String message) {

  public enum Health {
    /** No BondBridgeNode yet: the rollout has not reached the node. */
    WAITING,
    /** Handed a spec the agent has not finished (Pending, Applying, not picked up yet). */
    APPLYING,
    READY,
    /** Applied, with a port down. */
    DEGRADED,
    /** Failed or RolledBack. */
    FAILED,
    /** The agent did not pick its spec up within the timeout. */
    NO_AGENT;

    /** Counts against maxUnavailable. */
    public boolean unavailable() {
      return this == APPLYING || this == FAILED || this == NO_AGENT;
    }

    public boolean failed() {
      return this == FAILED || this == NO_AGENT;
    }
  }
}

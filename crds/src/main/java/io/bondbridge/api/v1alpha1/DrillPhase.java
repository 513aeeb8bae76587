package io.bondbridge.api.v1alpha1;

/**
 * Where a failover drill stands, for the whole drill (Pending, Running, Succeeded, Failed) and for
 * each of its nodes (all six).
 */
public enum DrillPhase {
  /** Not started yet: waiting for its turn. */
  Pending,
  /** A port is being failed and put back now. */
  Running,
  /** Every port went out and came back in, the bond moved its traffic each time. */
  Succeeded,
  /** The bond did not move its traffic, or was not whole again, within the wait. */
  Failed,
  /** The node's agent would not start it: a port down already, no gateway to probe, ... */
  Refused,
  /** Not handed to the node's agent: its BondBridgeNode is not Ready, or the node is gone. */
  Skipped;

  /** A node's drill that is over. */
  public boolean isFinished() {
    return this != Pending && this != Running;
  }
}

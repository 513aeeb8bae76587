package io.bondbridge.api.v1alpha1;

/** Where one node stands with its BondBridgeNode. */
public enum Phase {
  /** Not picked up by the node's agent yet. */
  Pending,
  /** The agent is changing the host. */
  Applying,
  /** The host matches the spec and every port is up. */
  Ready,
  /** The host matches the spec but a port is down: still working, less redundant. */
  Degraded,
  /** The spec could not be applied; the host was left as it was. */
  Failed,
  /** Applied, but a probe failed afterwards, so the host was restored to the state before. */
  RolledBack,
  /** The agent is removing what it created. */
  TearingDown
}

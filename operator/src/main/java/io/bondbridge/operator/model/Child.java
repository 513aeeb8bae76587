package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Phase;
import java.time.Instant;

/**
 * An existing BondBridgeNode as the rollout sees it.
 *
 * @param generation the child's metadata.generation
 * @param observedGeneration the generation its agent last acted on (status.observedGeneration)
 * @param handedOverAt when the operator last gave it a new spec (survives operator restarts)
 * @param deleting it has a deletionTimestamp: being torn down
 */
public record Child(
    String node,
    BondBridgeNodeSpec spec,
    long generation,
    Long observedGeneration,
    Phase phase,
    String reason,
    String message,
    Instant handedOverAt,
    boolean deleting) {

  /** The agent has reported on the spec this child carries now. */
  public boolean observed() {
    return phase != null && observedGeneration != null && observedGeneration == generation;
  }
}

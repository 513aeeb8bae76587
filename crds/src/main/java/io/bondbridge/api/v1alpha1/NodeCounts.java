package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How many selected nodes are in each state; derived from the BondBridgeNodes every reconcile. */
public record NodeCounts(
    @JsonPropertyDescription("Nodes the selector matches (and this BondBridge owns).") int matched,
    @JsonPropertyDescription("Nodes Ready with the current generation.") int ready,
    @JsonPropertyDescription("Nodes still to apply the current generation.") int progressing,
    @JsonPropertyDescription("Nodes Failed or RolledBack.") int failed,
    @JsonPropertyDescription("Nodes applied but with a port down.") int degraded) {

  public static NodeCounts zero() {
    return new NodeCounts(0, 0, 0, 0, 0);
  }
}

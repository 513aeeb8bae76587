package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A drill's progress, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BondBridgeDrillStatus(
    @JsonPropertyDescription(
            "Pending (waiting: another drill of the BondBridge runs, or a node applies), Running,"
                + " Succeeded (every node's every port failed over and came back) or Failed.")
        DrillPhase phase,
    @JsonPropertyDescription("What it does or waits for now; why it failed.") String message,
    @JsonPropertyDescription("The node being drilled now.") String node,
    @JsonPropertyDescription("Nodes finished over nodes to drill, e.g. 1/2.") String done,
    @JsonPropertyDescription("When the first node's drill started (RFC 3339).") String startedAt,
    @JsonPropertyDescription("When the last node's drill ended (RFC 3339).") String finishedAt,
    @JsonPropertyDescription(
            "Each node to drill, in order, with its per-port figures once it has been drilled.")
        @Size(max = 5000)
        List<NodeDrill> nodes) {

  public List<NodeDrill> nodesOrEmpty() {
    return nodes == null ? List.of() : nodes;
  }
}

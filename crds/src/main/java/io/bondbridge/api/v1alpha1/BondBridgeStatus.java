package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The BondBridge as its nodes report it. Written by the operator only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BondBridgeStatus(
    @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,
    @JsonPropertyDescription(
            "Summary for kubectl: Ready, Progressing, Degraded, Failed or Conflict.")
        String phase,
    @JsonPropertyDescription("Ready nodes over selected nodes, e.g. 3/3.") String ready,
    @JsonPropertyDescription("Conditions Ready, Progressing, Degraded and Conflict.")
        @SchemaFrom(type = SchemaDocs.Condition[].class)
        List<Condition> conditions,
    @JsonPropertyDescription("Node counts by state.") NodeCounts nodes,
    @JsonPropertyDescription(
            "Names of failed nodes, at most 20; each BondBridgeNode holds the detail.")
        @Size(max = 20)
        List<String> failedNodes,
    @JsonPropertyDescription("Names of degraded nodes, at most 20.") @Size(max = 20)
        List<String> degradedNodes) {

  public static final int MAX_LISTED_NODES = 20;
}

package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A BondBridge spec resolved for one node. Written by the operator, read by that node's agent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BondBridgeNodeSpec(
    @JsonPropertyDescription("The node this spec is for.") @Required String node,
    @JsonPropertyDescription("The BondBridge this spec was resolved from.") @Required
        String bondBridge,
    @JsonPropertyDescription("metadata.generation of that BondBridge.") Long bondBridgeGeneration,
    @JsonPropertyDescription("The bond, with its effective options (miimon filled in).") @Required
        Bond bond,
    @JsonPropertyDescription("VLANs on the bond.") List<NodeVlan> vlans,
    @JsonPropertyDescription("Optional bridge on the bond.") Bridge bridge,
    @JsonPropertyDescription("Addresses of the top interface (bridge if any, else bond).")
        NodeIpv4 ipv4,
    @JsonPropertyDescription("Connectivity checks after a change.") Probes probes,
    @JsonPropertyDescription("Restore or Orphan, see BondBridge spec.cleanup.")
        CleanupPolicy cleanup) {

  /** The interface that carries the node's addresses: the bridge if any, else the bond. */
  public String topInterface() {
    return bridge != null ? bridge.name() : bond.name();
  }

  public List<NodeVlan> vlansOrEmpty() {
    return vlans == null ? List.of() : vlans;
  }

  public NodeIpv4 ipv4OrDefault() {
    return ipv4 == null ? NodeIpv4.inherit() : ipv4;
  }
}

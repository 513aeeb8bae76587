package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A BondBridge spec resolved for one node. Written by the operator, read by that node's agent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.vlans) || self.vlans.all(v, self.vlans.exists_one(w, w.id == v.id))",
    message = "VLAN ids must be unique")
@ValidationRule(
    value = "!has(self.vlans) || self.vlans.all(v, self.vlans.exists_one(w, w.name == v.name))",
    message = "VLAN names must be unique")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, v.name != self.bond.name && (!has(self.bridge) ||"
            + " v.name != self.bridge.name))",
    message = "a VLAN name must differ from the bond's and the bridge's")
@ValidationRule(
    value = "!has(self.bridge) || self.bridge.name != self.bond.name",
    message = "the bridge and the bond need different names")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.bridge) || (v.bridge.name != self.bond.name"
            + " && (!has(self.bridge) || v.bridge.name != self.bridge.name) &&"
            + " self.vlans.exists_one(w, has(w.bridge) && w.bridge.name == v.bridge.name)))",
    message = "bridge names must be unique and differ from the bond's name")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.bridge) || self.vlans.all(w, v.bridge.name"
            + " != w.name))",
    message = BondBridgeSpec.VLAN_BRIDGE_MESSAGE)
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.mtu) || v.mtu <= (has(self.bond.mtu) ?"
            + " self.bond.mtu : 1500))",
    message = BondBridgeSpec.VLAN_MTU_MESSAGE)
public record BondBridgeNodeSpec(
    @JsonPropertyDescription("The node this spec is for.") @Required @Size(min = 1, max = 253)
        String node,
    @JsonPropertyDescription("The BondBridge this spec was resolved from.")
        @Required
        @Size(min = 1, max = 253)
        String bondBridge,
    @JsonPropertyDescription("metadata.generation of that BondBridge.") @Min(0)
        Long bondBridgeGeneration,
    @JsonPropertyDescription("The bond, with its effective options (miimon filled in).") @Required
        Bond bond,
    @JsonPropertyDescription("VLANs on the bond.") @Size(max = 64) List<NodeVlan> vlans,
    @JsonPropertyDescription("Optional bridge on the bond.") Bridge bridge,
    @JsonPropertyDescription("Addresses of the top interface (bridge if any, else bond).")
        NodeIpv4 ipv4,
    @JsonPropertyDescription("IPv6 addresses of the top interface (bridge if any, else bond).")
        NodeIpv6 ipv6,
    @JsonPropertyDescription("Connectivity checks after a change.") Probes probes,
    @JsonPropertyDescription("Restore or Orphan, see BondBridge spec.cleanup.")
        CleanupPolicy cleanup,
    @JsonPropertyDescription("Take over matching existing devices, see BondBridge spec.adopt.")
        Boolean adopt) {

  /** The interface that carries the node's addresses: the bridge if any, else the bond. */
  public String topInterface() {
    return bridge != null ? bridge.name() : bond.name();
  }

  public List<NodeVlan> vlansOrEmpty() {
    return vlans == null ? List.of() : vlans;
  }

  /** Whether existing unmarked devices of the names and kinds the spec asks for are taken over. */
  public boolean adopts() {
    return Boolean.TRUE.equals(adopt);
  }

  public NodeIpv6 ipv6OrDefault() {
    return ipv6 == null ? NodeIpv6.inherit() : ipv6;
  }

  public NodeIpv4 ipv4OrDefault() {
    return ipv4 == null ? NodeIpv4.inherit() : ipv4;
  }
}

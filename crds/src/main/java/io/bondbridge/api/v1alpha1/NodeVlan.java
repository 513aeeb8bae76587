package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A {@link Vlan} resolved for one node: its interface name and address decided. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeVlan(
    @JsonPropertyDescription("The 802.1Q VLAN id.") @Required Integer id,
    @JsonPropertyDescription("The VLAN interface name, e.g. bond0.10.") @Required String name,
    @JsonPropertyDescription("MTU of the VLAN interface.") Integer mtu,
    @JsonPropertyDescription("Optional bridge on this VLAN.") Bridge bridge,
    @JsonPropertyDescription("Addresses of this VLAN (on its bridge if any).") NodeIpv4 ipv4) {

  /** The interface that carries this VLAN's addresses: its bridge if it has one. */
  public String topInterface() {
    return bridge != null ? bridge.name() : name;
  }
}

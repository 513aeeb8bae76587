package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A {@link Vlan} resolved for one node: its interface name and address decided. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeVlan(
    @JsonPropertyDescription("The 802.1Q VLAN id, 1-4094.") @Required @Min(1) @Max(4094) Integer id,
    @JsonPropertyDescription("The VLAN interface name, e.g. bond0.10.")
        @Required
        @Size(min = 1, max = 15)
        String name,
    @JsonPropertyDescription("MTU of the VLAN interface; at most the bond's.") @Min(68) @Max(65535)
        Integer mtu,
    @JsonPropertyDescription("Optional bridge on this VLAN.") Bridge bridge,
    @JsonPropertyDescription("Addresses of this VLAN (on its bridge if any).") NodeIpv4 ipv4,
    @JsonPropertyDescription("IPv6 addresses of this VLAN (on its bridge if any).") NodeIpv6 ipv6) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Patterns.IS_IFNAME, message = Patterns.IFNAME_MESSAGE)
  @ValidationRule(value = Patterns.NOT_RESERVED, message = Patterns.RESERVED_MESSAGE)
  public String name() {
    return name;
  }

  /** The interface that carries this VLAN's addresses: its bridge if it has one. */
  public String topInterface() {
    return bridge != null ? bridge.name() : name;
  }
}

package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An 802.1Q VLAN sub-interface on the bond (seed 004's tagged VLANs 10 and 15). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.ipv4) || self.ipv4.mode != 'inherit'",
    message = "a VLAN cannot inherit the ports' addresses: use ipv4.mode static, dhcp or none")
@ValidationRule(
    value = "!has(self.bridge) || !has(self.name) || self.bridge.name != self.name",
    message = "a VLAN's bridge needs a name of its own")
public record Vlan(
    @JsonPropertyDescription("The 802.1Q VLAN id, 1-4094.") @Required @Min(1) @Max(4094) Integer id,
    @JsonPropertyDescription(
            "Name of the VLAN interface. Default: <bond>.<id>, e.g. bond0.10 (at most 15"
                + " characters).")
        @Size(min = 1, max = 15)
        String name,
    @JsonPropertyDescription("MTU of the VLAN interface; at most the bond's.") @Min(68) @Max(65535)
        Integer mtu,
    @JsonPropertyDescription("An optional bridge with this VLAN as its port.") Bridge bridge,
    @JsonPropertyDescription(
            "IPv4 addresses of this VLAN (on its bridge if it has one): static, dhcp or none. A VLAN's"
                + " lease gives it an address, never the default route.")
        Ipv4 ipv4) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Patterns.IS_IFNAME, message = Patterns.IFNAME_MESSAGE)
  @ValidationRule(value = Patterns.NOT_RESERVED, message = Patterns.RESERVED_MESSAGE)
  public String name() {
    return name;
  }

  /** The interface name the kernel will know this VLAN by. */
  public String interfaceName(String bondName) {
    return name != null ? name : bondName + "." + id;
  }
}

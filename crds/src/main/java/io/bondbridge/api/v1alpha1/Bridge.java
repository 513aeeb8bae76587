package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Linux bridge with the bond (or a VLAN of it) as its port, e.g. for VMs (seed 000's br0). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.stp) || !self.stp || !has(self.forwardDelay) || self.forwardDelay >= 2",
    message = "with stp: true the kernel needs forwardDelay between 2 and 30 seconds")
@ValidationRule(
    value = "(has(self.stp) && self.stp) || !has(self.forwardDelay) || self.forwardDelay >= 2",
    message =
        "forwardDelay 0 or 1 cannot go with stp: false: the kernel sets forward_delay before it"
            + " turns STP off and refuses less than 2 seconds while STP is on, so a bridge with STP"
            + " on could never be switched over; use 2 to 30 (with STP off it has no effect)")
public record Bridge(
    @JsonPropertyDescription("Name of the bridge interface, e.g. br0 (at most 15 characters).")
        @Required
        @Size(min = 1, max = 15)
        String name,
    @JsonPropertyDescription(
            "Run the spanning tree protocol (kernel: stp_state). Off by default: with STP off the"
                + " port forwards at once, with it on only after 2 x forwardDelay.")
        @Default("false")
        Boolean stp,
    @JsonPropertyDescription(
            "Seconds a port spends in listening and learning when STP is on (kernel:"
                + " forward_delay, 2-30 with STP on).")
        @Default("15")
        @Min(0)
        @Max(30)
        Integer forwardDelay,
    @JsonPropertyDescription(
            "Filter by 802.1Q VLAN on the bridge ports (kernel: vlan_filtering). Default false.")
        @Default("false")
        Boolean vlanFiltering,
    @JsonPropertyDescription("MTU of the bridge. Unset: that of its port.") @Min(68) @Max(65535)
        Integer mtu) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Patterns.IS_IFNAME, message = Patterns.IFNAME_MESSAGE)
  @ValidationRule(value = Patterns.NOT_RESERVED, message = Patterns.RESERVED_MESSAGE)
  public String name() {
    return name;
  }

  public static Bridge named(String name) {
    return new Bridge(name, false, 15, false, null);
  }
}

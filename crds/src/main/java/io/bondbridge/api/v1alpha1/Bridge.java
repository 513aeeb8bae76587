package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

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
@ValidationRule(
    value =
        "(has(self.vlanFiltering) && self.vlanFiltering) || !(has(self.pvid) || has(self.trunk) ||"
            + " has(self.self))",
    message =
        "pvid, trunk and self need vlanFiltering: true: a bridge without VLAN filtering forwards"
            + " every VLAN and has no VLAN table to set")
@ValidationRule(value = Bridge.PVID_NOT_IN_TRUNK, message = Bridge.PVID_NOT_IN_TRUNK_MESSAGE)
@ValidationRule(value = Bridge.PVID_NOT_IN_SELF, message = Bridge.PVID_NOT_IN_SELF_MESSAGE)
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
        Integer mtu,
    @JsonPropertyDescription(
            "With vlanFiltering: the untagged VLAN (PVID) of the bridge's port (the bond, or the"
                + " VLAN interface) and of the bridge itself, 1-4094. Untagged frames from the"
                + " switch belong to it and leave untagged; the bridge's own address (the node IP"
                + " with inherit) travels in it. Default 1, the kernel's.")
        @Min(1)
        @Max(4094)
        Integer pvid,
    @JsonPropertyDescription(
            "With vlanFiltering: the VLANs the bridge's port carries tagged to and from the switch"
                + " (kernel: bridge vlan add dev PORT vid ID), e.g. [{id: 10}, {id: 20, to: 29}]."
                + " VMs on the bridge reach a VLAN only if it is listed here. No overlaps, and not"
                + " the pvid.")
        @Size(max = 64)
        List<VlanRange> trunk,
    @JsonPropertyDescription(
            "With vlanFiltering: tagged VLANs the bridge itself joins (kernel: bridge vlan add dev"
                + " BRIDGE vid ID self), so that the host can reach them, e.g. through a VLAN"
                + " interface on the bridge. No overlaps, and not the pvid.")
        @Size(max = 64)
        List<VlanRange> self) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Patterns.IS_IFNAME, message = Patterns.IFNAME_MESSAGE)
  @ValidationRule(value = Patterns.NOT_RESERVED, message = Patterns.RESERVED_MESSAGE)
  public String name() {
    return name;
  }

  @ValidationRule(value = VlanRange.NO_OVERLAP, message = TRUNK_OVERLAP_MESSAGE)
  public List<VlanRange> trunk() {
    return trunk;
  }

  @ValidationRule(value = VlanRange.NO_OVERLAP, message = SELF_OVERLAP_MESSAGE)
  public List<VlanRange> self() {
    return self;
  }

  /** A bridge without a VLAN table of its own (no pvid, trunk or self). */
  public Bridge(
      String name, Boolean stp, Integer forwardDelay, Boolean vlanFiltering, Integer mtu) {
    this(name, stp, forwardDelay, vlanFiltering, mtu, null, null, null);
  }

  public static Bridge named(String name) {
    return new Bridge(name, false, 15, false, null);
  }

  /** This bridge filtering by VLAN, with this PVID, trunk and self VLANs. */
  public Bridge withVlans(Integer newPvid, List<VlanRange> newTrunk, List<VlanRange> newSelf) {
    return new Bridge(name, stp, forwardDelay, true, mtu, newPvid, newTrunk, newSelf);
  }

  /** The PVID in force: the spec's, else the kernel's default 1. */
  public int pvidOrDefault() {
    return pvid == null ? 1 : pvid;
  }

  /** Whether the agent manages this bridge's VLAN table. */
  public boolean filtersVlans() {
    return Boolean.TRUE.equals(vlanFiltering);
  }

  /** CEL: the range r holds the pvid in force. */
  private static final String HOLDS_PVID =
      "r.id <= (has(self.pvid) ? self.pvid : 1) && (has(self.pvid) ? self.pvid : 1) <= (has(r.to)"
          + " ? r.to : r.id)";

  static final String PVID_NOT_IN_TRUNK =
      "!has(self.trunk) || !self.trunk.exists(r, " + HOLDS_PVID + ")";
  static final String PVID_NOT_IN_TRUNK_MESSAGE =
      "the pvid (1 when unset) is carried untagged, so it cannot also be in trunk, where it would"
          + " be tagged: take it out of trunk or pick another pvid";
  static final String PVID_NOT_IN_SELF =
      "!has(self.self) || !self.self.exists(r, " + HOLDS_PVID + ")";
  static final String PVID_NOT_IN_SELF_MESSAGE =
      "the pvid (1 when unset) is the bridge's own untagged VLAN, so it cannot also be in self,"
          + " where it would be tagged: take it out of self or pick another pvid";
  static final String TRUNK_OVERLAP_MESSAGE =
      "trunk VLANs must not overlap: each VLAN id may be listed once (e.g. 10 and 5-15 both hold"
          + " 10)";
  static final String SELF_OVERLAP_MESSAGE =
      "self VLANs must not overlap: each VLAN id may be listed once (e.g. 10 and 5-15 both hold"
          + " 10)";
}

package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** What a cluster admin asks for: on these nodes, this bond, these VLANs, this bridge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, has(v.name) || size(self.bond.name) +"
            + " size(string(v.id)) < 15)",
    message =
        "a VLAN interface name <bond>.<id> would be longer than 15 characters (the kernel's"
            + " IFNAMSIZ): shorten bond.name or give the VLAN a name")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.name) || (v.name != self.bond.name &&"
            + " (!has(self.bridge) || v.name != self.bridge.name)))",
    message = "a VLAN name must differ from the bond's and the bridge's")
@ValidationRule(
    value = "!has(self.bridge) || self.bridge.name != self.bond.name",
    message = "the bridge and the bond need different names")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.bridge) || (v.bridge.name != self.bond.name"
            + " && (!has(self.bridge) || v.bridge.name != self.bridge.name)))",
    message = "bridge names must be unique and differ from the bond's name")
@ValidationRule(
    value = "!has(self.vlans) || self.vlans.all(v, self.vlans.exists_one(w, w.id == v.id))",
    message = "VLAN ids must be unique")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.name) || self.vlans.exists_one(w,"
            + " has(w.name) && w.name == v.name))",
    message = "VLAN names must be unique")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.bridge) || self.vlans.exists_one(w,"
            + " has(w.bridge) && w.bridge.name == v.bridge.name))",
    message = "bridge names must be unique and differ from the bond's name")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, has(v.name) || (self.vlans.all(w, !has(w.name) ||"
            + " w.name != self.bond.name + '.' + string(v.id)) && (!has(self.bridge) ||"
            + " self.bridge.name != self.bond.name + '.' + string(v.id)) && self.vlans.all(w,"
            + " !has(w.bridge) || w.bridge.name != self.bond.name + '.' + string(v.id))))",
    message =
        "a VLAN without a name is called <bond>.<id> (e.g. bond0.10), and another VLAN or a"
            + " bridge has that name already: give one of them another name")
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.bridge) || self.vlans.all(w, w.id == v.id"
            + " || !has(w.name) || v.bridge.name != w.name))",
    message = BondBridgeSpec.VLAN_BRIDGE_MESSAGE)
@ValidationRule(
    value =
        "!has(self.vlans) || self.vlans.all(v, !has(v.mtu) || v.mtu <= (has(self.bond.mtu) ?"
            + " self.bond.mtu : 1500))",
    message = BondBridgeSpec.VLAN_MTU_MESSAGE)
@ValidationRule(
    value =
        "!has(self.ipv4) || self.ipv4.mode != 'dhcp' || !has(self.vlans) || self.vlans.all(v,"
            + " !has(v.ipv4) || !has(v.ipv4.gateway))",
    message =
        "with ipv4.mode dhcp the default route comes from the lease: a VLAN cannot have an"
            + " ipv4.gateway too (the node has one default route)")
public record BondBridgeSpec(
    @JsonPropertyDescription(
            "Which nodes get this uplink: a label selector (matchLabels and matchExpressions)."
                + " Empty or unset selects every node.")
        @SchemaFrom(type = SchemaDocs.NodeSelector.class)
        LabelSelector nodeSelector,
    @JsonPropertyDescription("The bond: name, mode, ports and kernel options.") @Required Bond bond,
    @JsonPropertyDescription(
            "802.1Q VLAN sub-interfaces on the bond, each with an optional bridge and addresses.")
        @Size(max = 64)
        List<Vlan> vlans,
    @JsonPropertyDescription("An optional bridge with the bond as its port (seed 000's br0).")
        Bridge bridge,
    @JsonPropertyDescription(
            "IPv4 addresses of the top interface (the bridge if there is one, else the bond)."
                + " Unset: mode inherit, so the node keeps the address its ports carry now.")
        Ipv4 ipv4,
    @JsonPropertyDescription(
            "IPv6 addresses of the top interface. Unset: mode inherit, so the node keeps the IPv6"
                + " addresses its ports carry now.")
        Ipv6 ipv6,
    @JsonPropertyDescription("How fast a change reaches the selected nodes.") Rollout rollout,
    @JsonPropertyDescription(
            "Connectivity checks after a change; a node that fails them rolls back.")
        Probes probes,
    @JsonPropertyDescription(
            "When the BondBridge is deleted or a node leaves its selector: Restore tears down what"
                + " BondBridge created and gives the ports back their addresses; Orphan leaves"
                + " the host as it is.")
        @Default("Restore")
        CleanupPolicy cleanup,
    @JsonPropertyDescription(
            "Take over a bond, bridge or VLAN this spec names that already exists on a node,"
                + " made by hand or by the host's own tool (ifupdown, ifcfg), instead of refusing"
                + " it: it gets BondBridge's mark, what already matches the spec stays as it is"
                + " (no link flap, the address stays), and what differs is changed like any"
                + " change, guarded. From then on it is BondBridge's: cleanup handles it like a"
                + " device BondBridge made. Default false.")
        Boolean adopt) {

  static final String VLAN_BRIDGE_MESSAGE =
      "a VLAN's bridge needs a name that no VLAN has: two interfaces cannot share a name";
  static final String VLAN_MTU_MESSAGE =
      "a VLAN's mtu must be at most the bond's (1500 when bond.mtu is not set): the kernel"
          + " refuses a VLAN MTU above its parent's";

  /** The IPv4 settings of the top interface; {@code inherit} when unset. */
  public Ipv4 ipv4OrDefault() {
    return ipv4 == null ? Ipv4.inherit() : ipv4;
  }

  /** The IPv6 settings of the top interface; {@code inherit} when unset. */
  public Ipv6 ipv6OrDefault() {
    return ipv6 == null ? Ipv6.inherit() : ipv6;
  }

  public List<Vlan> vlansOrEmpty() {
    return vlans == null ? List.of() : vlans;
  }

  public Probes probesOrDefault() {
    return probes == null ? Probes.defaults() : probes;
  }

  public CleanupPolicy cleanupOrDefault() {
    return cleanup == null ? CleanupPolicy.Restore : cleanup;
  }
}

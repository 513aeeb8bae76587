package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A bonded (and optionally VLAN-tagged and bridged) uplink for every node its selector matches.
 * Cluster-scoped: node networking is not a namespace's business.
 */
@Group(BondBridge.GROUP)
@Version(BondBridge.VERSION)
@Kind("BondBridge")
@Plural("bondbridges")
@ShortNames("bb")
@AdditionalPrinterColumn(name = "Bond", jsonPath = ".spec.bond.name", type = Type.STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.bond.mode", type = Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.ready", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Degraded",
    jsonPath = ".status.nodes.degraded",
    type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "a BondBridge needs a spec")
// No dot: the first dot of a child's name <bondbridge>.<node> then splits the pair, so two pairs
// never share a child; 63 characters fit the bondbridge.io/bondbridge label and the device alias.
@ValidationRule(
    value =
        "size(self.metadata.name) <= 63 && self.metadata.name.matches('"
            + Patterns.DNS_LABEL
            + "')",
    message =
        "metadata.name must be a DNS label: at most 63 lowercase letters, digits and '-',"
            + " starting and ending with a letter or digit, no dots (e.g. vm-uplink); it names"
            + " the BondBridgeNodes <name>.<node> and is a label value")
public class BondBridge extends LenientResource<BondBridgeSpec, BondBridgeStatus> {
  public static final String GROUP = "bondbridge.io";
  public static final String VERSION = "v1alpha1";

  public BondBridge() {}

  public BondBridge(String name, BondBridgeSpec spec) {
    getMetadata().setName(name);
    setSpec(spec);
  }

  @Override
  @JsonPropertyDescription(
      "What the admin asks for: on the selected nodes, this bond, these VLANs, this bridge and these addresses.")
  public BondBridgeSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The BondBridge as its nodes report it; written by the operator only.")
  public BondBridgeStatus getStatus() {
    return super.getStatus();
  }
}

package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The hand-off from the operator to one node's agent: a {@link BondBridge} resolved for one node
 * (named {@code <bondbridge>.<node>}). The operator writes the spec; only that node's agent writes
 * the status.
 */
@Group(BondBridge.GROUP)
@Version(BondBridge.VERSION)
@Kind("BondBridgeNode")
@Plural("bondbridgenodes")
@ShortNames("bbn")
@AdditionalPrinterColumn(name = "Node", jsonPath = ".spec.node", type = Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.bond.activePort", type = Type.STRING)
@AdditionalPrinterColumn(name = "Ports Up", jsonPath = ".status.portsUp", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Link Failures",
    jsonPath = ".status.linkFailures",
    type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class BondBridgeNode extends CustomResource<BondBridgeNodeSpec, BondBridgeNodeStatus> {
  /** Label that lets each agent watch only its own node's objects (a server-side selector). */
  public static final String NODE_LABEL = "bondbridge.io/node";

  /** Label naming the BondBridge a BondBridgeNode was resolved from. */
  public static final String POLICY_LABEL = "bondbridge.io/bondbridge";

  public BondBridgeNode() {}

  @Override
  @JsonPropertyDescription(
      "A BondBridge spec resolved for one node; written by the operator, read by that node's agent.")
  public BondBridgeNodeSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the agent observed on its host; written by that node's agent only.")
  public BondBridgeNodeStatus getStatus() {
    return super.getStatus();
  }
}

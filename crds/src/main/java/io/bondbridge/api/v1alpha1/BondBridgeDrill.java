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
 * A failover drill of one BondBridge's bond on its nodes (seed 001's cable pulling, automated): the
 * operator hands it to one node's agent at a time, never two nodes of one BondBridge at once, and
 * gathers each node's per-port figures into the status. A one-off, like a Job: its spec cannot
 * change; create another drill to drill again.
 */
@Group(BondBridge.GROUP)
@Version(BondBridge.VERSION)
@Kind("BondBridgeDrill")
@Plural("bondbridgedrills")
@ShortNames("bbdrill")
@AdditionalPrinterColumn(name = "BondBridge", jsonPath = ".spec.bondBridge", type = Type.STRING)
@AdditionalPrinterColumn(name = "Method", jsonPath = ".spec.method", type = Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Done", jsonPath = ".status.done", type = Type.STRING)
@AdditionalPrinterColumn(name = "Node", jsonPath = ".status.node", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "a BondBridgeDrill needs a spec")
public class BondBridgeDrill extends LenientResource<BondBridgeDrillSpec, BondBridgeDrillStatus> {
  public BondBridgeDrill() {}

  public BondBridgeDrill(String name, BondBridgeDrillSpec spec) {
    getMetadata().setName(name);
    setSpec(spec);
  }

  @Override
  @JsonPropertyDescription(
      "Which BondBridge's bond to drill, on which of its nodes, and how to fail each port.")
  public BondBridgeDrillSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The drill's progress and each node's figures; written by the operator.")
  public BondBridgeDrillStatus getStatus() {
    return super.getStatus();
  }
}

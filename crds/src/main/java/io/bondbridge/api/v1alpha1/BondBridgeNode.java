package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.zip.CRC32;

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
public class BondBridgeNode extends LenientResource<BondBridgeNodeSpec, BondBridgeNodeStatus> {
  /**
   * Label that lets each agent watch only its own node's objects (a server-side selector). Its
   * value is {@link #nodeLabel(String)} of the node's name; {@code spec.node} is the name itself.
   */
  public static final String NODE_LABEL = "bondbridge.io/node";

  private static final int MAX_LABEL_VALUE = 63;
  private static final int HASH_CHARS = 8;

  /** Label naming the BondBridge a BondBridgeNode was resolved from. */
  public static final String POLICY_LABEL = "bondbridge.io/bondbridge";

  /**
   * The finalizer a node's agent puts on each BondBridgeNode it takes up and removes once the host
   * is torn down (or orphaned); the operator waits for it, and removes it itself only for a node
   * that is gone.
   */
  public static final String AGENT_FINALIZER = "bondbridge.io/agent";

  public BondBridgeNode() {}

  /**
   * The {@link #NODE_LABEL} value for a node. A node name may be up to 253 characters, a label
   * value only 63: a longer name is cut and ends in the CRC-32 of the whole name, so the value
   * stays stable and valid. Two long names could share a value, so the agent also checks {@code
   * spec.node}.
   */
  public static String nodeLabel(String node) {
    if (node.length() <= MAX_LABEL_VALUE) {
      return node;
    }
    // a label value must end in a letter or digit
    String prefix =
        node.substring(0, MAX_LABEL_VALUE - HASH_CHARS - 1).replaceAll("[^A-Za-z0-9]+$", "");
    CRC32 crc = new CRC32();
    node.chars().forEach(crc::update); // a node name is ASCII (a DNS subdomain): a byte a char
    return prefix + "-" + String.format("%08x", crc.getValue());
  }

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

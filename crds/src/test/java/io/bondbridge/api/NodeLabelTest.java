package io.bondbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridgeNode;
import org.junit.jupiter.api.Test;

/** The agent's label selector value for nodes whose names do not fit a label (over 63). */
class NodeLabelTest {
  /** The API server's rule for a label value (validation.IsValidLabelValue). */
  private static final String LABEL_VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

  @Test
  void aNameThatFitsIsItsOwnLabel() {
    assertThat(BondBridgeNode.nodeLabel("worker-1")).isEqualTo("worker-1");
    String sixtyThree = "n".repeat(63);
    assertThat(BondBridgeNode.nodeLabel(sixtyThree)).isEqualTo(sixtyThree);
  }

  @Test
  void aLongerNameIsCutStablyAndStaysAValidLabelValue() {
    String fqdn = "worker-0042.rack-17.row-b.datacenter-frankfurt-2.prod.example-corp.internal";
    String label = BondBridgeNode.nodeLabel(fqdn);
    assertThat(fqdn.length()).isGreaterThan(63);
    assertThat(label).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE);
    assertThat(label).startsWith("worker-0042.rack-17.row-b.").matches(".*-[0-9a-f]{8}");
    assertThat(BondBridgeNode.nodeLabel(fqdn)).isEqualTo(label);
  }

  /**
   * The value itself, pinned: agents and operators of different versions must agree on it, or an
   * agent upgraded alone would stop seeing its node's BondBridgeNodes. Computed once outside Java
   * (Python: the first 54 characters, the "." they end in trimmed, "-", then {@code "%08x" %
   * zlib.crc32(name)} of the whole name).
   */
  @Test
  void aLongerNameGetsThisExactValue() {
    assertThat(
            BondBridgeNode.nodeLabel(
                "worker-0042.rack-17.row-b.datacenter-frankfurt-2.prod.example-corp.internal"))
        .isEqualTo("worker-0042.rack-17.row-b.datacenter-frankfurt-2.prod-4f6f04ae");
  }

  @Test
  void namesThatShareTheCutPrefixGetDifferentLabels() {
    String prefix = "a".repeat(60);
    assertThat(BondBridgeNode.nodeLabel(prefix + ".one"))
        .isNotEqualTo(BondBridgeNode.nodeLabel(prefix + ".two"));
  }

  @Test
  void aCutThatEndsInADotOrDashIsTrimmed() {
    String name = "x".repeat(53) + ".-" + "y".repeat(20); // the cut falls on ".-"
    assertThat(BondBridgeNode.nodeLabel(name)).matches(LABEL_VALUE).contains("x-");
  }
}

package io.bondbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.BondBridgeStatus;
import io.bondbridge.api.v1alpha1.NodeCounts;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's "kubectl get" tables come from the CRDs' printer columns. */
class KubectlTableTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void printsTheCrdsPrinterColumnsLikeKubectl() throws Exception {
    BondBridge bb =
        Serialization.unmarshal(
            Files.readString(FullFlowKernelIT.examples().resolve("bond.yaml")), BondBridge.class);
    bb.getMetadata().setCreationTimestamp(NOW.minusSeconds(75).toString());
    bb.setStatus(
        new BondBridgeStatus(
            1L, "Degraded", "1/1", null, new NodeCounts(1, 1, 0, 0, 1), null, List.of("node-a")));
    BondBridgeNode child = new BondBridgeNode();
    child.getMetadata().setName("vm-uplink.node-a");
    child.getMetadata().setCreationTimestamp(NOW.minusSeconds(400).toString());
    child.setStatus(
        new BondBridgeNodeStatusBuilder()
            .withPhase(Phase.Degraded)
            .withObservedGeneration(1L)
            .withBond(
                new BondBridgeNodeStatus.BondState("bond0", "active-backup", "eth1", "up", null))
            .withPortsUp("1/2")
            .withLinkFailures(1L)
            .build());

    assertThat(KubectlTable.render(List.of(bb), NOW))
        .isEqualTo(
            "NAME                                 BOND    MODE            READY   DEGRADED   STATUS     AGE\n"
                + "bondbridge.bondbridge.io/vm-uplink   bond0   active-backup   1/1     1          Degraded   75s\n");
    String[] lines = KubectlTable.render(List.of(child), NOW).split("\n");
    assertThat(lines[0].replaceAll(" {3,}", " | "))
        .isEqualTo("NAME | NODE | PHASE | ACTIVE | PORTS UP | LINK FAILURES | AGE");
    assertThat(lines[1])
        .startsWith("bondbridgenode.bondbridge.io/vm-uplink.node-a ")
        .contains("Degraded   eth1     1/2        1               6m40s");
  }
}

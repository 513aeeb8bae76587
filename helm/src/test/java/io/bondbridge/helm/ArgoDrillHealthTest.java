package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeDrillSpec;
import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.api.v1alpha1.NodeDrill;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.model.DrillProgress;
import io.bondbridge.operator.model.DrillProgress.Child;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health of a BondBridgeDrill (helm/bondbridge/argocd), run with LuaJ against the
 * statuses the operator's own {@link DrillProgress} writes.
 */
class ArgoDrillHealthTest {
  private static final ArgoHealth DRILL = ArgoHealth.of("bondbridge.io_BondBridgeDrill");
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final DrillProgress.Drill WHAT =
      new DrillProgress.Drill("monthly", "uid-1", DrillMethod.link);

  private static BondBridgeDrill drill(BondBridgeDrillStatus status) {
    BondBridgeDrill d =
        new BondBridgeDrill("monthly", new BondBridgeDrillSpec("vm-uplink", null, null));
    d.setStatus(status);
    return d;
  }

  private static Child child(String node, Phase phase, DrillPhase reported) {
    NodeDrill report =
        reported == null
            ? null
            : new NodeDrill(
                node,
                "monthly",
                "uid-1",
                DrillMethod.link,
                reported,
                "bond0: eth0 398 ms, 18 lost",
                "10.0.0.1",
                null,
                null,
                null,
                null);
    DrillRequest request = reported == null ? null : WHAT.request();
    return new Child(node, phase, true, null, request, report);
  }

  private static BondBridgeDrillStatus step(BondBridgeDrillStatus status, Child... children) {
    Map<String, Child> byNode = new java.util.LinkedHashMap<>();
    for (Child c : children) {
      byNode.put(c.node(), c);
    }
    return DrillProgress.next(WHAT, status, List.of("node-a"), byNode, true, NOW).status();
  }

  @Test
  void aDrillWithNoStatusOrRunningIsProgressing() {
    assertThat(DRILL.of(drill(null)).status()).isEqualTo("Progressing");

    var running = DRILL.of(drill(step(null, child("node-a", Phase.Ready, null))));
    assertThat(running.status()).isEqualTo("Progressing");
    assertThat(running.message()).isEqualTo("Running (0/1 nodes done): drilling node-a");
  }

  @Test
  void aSucceededDrillIsHealthyAFailedOneDegraded() {
    BondBridgeDrillStatus running = step(null, child("node-a", Phase.Ready, null));

    var succeeded =
        DRILL.of(drill(step(running, child("node-a", Phase.Ready, DrillPhase.Succeeded))));
    assertThat(succeeded.status()).isEqualTo("Healthy");
    assertThat(succeeded.message()).isEqualTo("Succeeded (1/1 nodes done): 1/1 nodes Succeeded");

    var refused = DRILL.of(drill(step(running, child("node-a", Phase.Ready, DrillPhase.Refused))));
    assertThat(refused.status()).isEqualTo("Degraded");
    assertThat(refused.message()).contains("node-a Refused");

    var skipped = DRILL.of(drill(step(null, child("node-a", Phase.Degraded, null))));
    assertThat(skipped.status()).isEqualTo("Degraded");
    assertThat(skipped.message()).contains("node-a Skipped");
  }
}

package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillPort;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.api.v1alpha1.NodeDrill;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.model.DrillProgress.Child;
import io.bondbridge.operator.model.DrillProgress.Step;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A drill's steps: one node at a time, Ready nodes only, every node accounted for at the end. */
class DrillProgressTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final DrillProgress.Drill DRILL =
      new DrillProgress.Drill("monthly", "uid-1", DrillMethod.link);
  private static final List<String> BOTH = List.of("node-a", "node-b");

  private static Child ready(String node) {
    return new Child(node, Phase.Ready, true, "bond0 up", null, null);
  }

  private static Child asked(Child c, DrillRequest request) {
    return new Child(c.node(), c.phase(), c.atGeneration(), c.message(), request, c.reported());
  }

  private static Child reported(Child c, DrillPhase phase) {
    NodeDrill report =
        new NodeDrill(
            c.node(),
            "monthly",
            "uid-1",
            DrillMethod.link,
            phase,
            "bond0: eth0 210 ms, 22 lost",
            "10.0.0.1",
            null,
            "2026-12-03T12:00:01Z",
            "2026-12-03T12:00:05Z",
            List.of(new DrillPort("eth0", true, "eth1", 210L, 22, 230, 40L, 0)));
    return new Child(c.node(), c.phase(), c.atGeneration(), c.message(), c.request(), report);
  }

  private static Map<String, Child> children(Child... children) {
    Map<String, Child> byNode = new LinkedHashMap<>();
    for (Child c : children) {
      byNode.put(c.node(), c);
    }
    return byNode;
  }

  private static Step step(BondBridgeDrillStatus status, Map<String, Child> children) {
    return DrillProgress.next(DRILL, status, BOTH, children, true, NOW);
  }

  @Test
  void theFirstStepAsksTheFirstNodeOnlyAndListsEveryNode() {
    Step first = step(null, children(ready("node-a"), ready("node-b")));

    assertThat(first.ask()).isEqualTo("node-a");
    assertThat(first.status().phase()).isEqualTo(DrillPhase.Running);
    assertThat(first.status().node()).isEqualTo("node-a");
    assertThat(first.status().done()).isEqualTo("0/2");
    assertThat(first.status().startedAt()).isEqualTo(NOW.toString());
    assertThat(first.status().nodes())
        .extracting(n -> n.node() + " " + n.phase())
        .containsExactly("node-a Running", "node-b Pending");
    assertThat(first.lookAgainAfter()).isEqualTo(DrillProgress.WAITING);
  }

  @Test
  void whileTheAgentDrillsNothingElseIsAskedAndAFinishedNodeHandsOnToTheNext() {
    Step first = step(null, children(ready("node-a"), ready("node-b")));
    Child a = asked(ready("node-a"), DRILL.request());

    Step meanwhile = step(first.status(), children(a, ready("node-b")));
    assertThat(meanwhile.ask()).isNull();
    assertThat(meanwhile.clear()).isEmpty();
    assertThat(meanwhile.status()).isEqualTo(first.status());

    Step next = step(first.status(), children(reported(a, DrillPhase.Succeeded), ready("node-b")));
    assertThat(next.clear()).containsExactly("node-a");
    assertThat(next.ask()).isEqualTo("node-b");
    assertThat(next.status().done()).isEqualTo("1/2");
    NodeDrill nodeA = next.status().nodes().get(0);
    assertThat(nodeA.phase()).isEqualTo(DrillPhase.Succeeded);
    assertThat(nodeA.drill()).as("the request's name stays on the child").isNull();
    assertThat(nodeA.ports()).extracting(DrillPort::failoverMillis).containsExactly(210L);
  }

  @Test
  void theLastNodeEndsTheDrillWithASummaryAndTakesTheRequestBack() {
    BondBridgeDrillStatus twoRunning =
        new BondBridgeDrillStatus(
            DrillPhase.Running,
            "drilling node-b",
            "node-b",
            "1/2",
            "2026-12-03T11:59:00Z",
            null,
            List.of(
                NodeDrill.of("node-a", DrillPhase.Refused, "eth1 is down already"),
                NodeDrill.of("node-b", DrillPhase.Running, null)));
    Child b = reported(asked(ready("node-b"), DRILL.request()), DrillPhase.Succeeded);

    Step end = step(twoRunning, children(ready("node-a"), b));

    assertThat(end.status().phase()).isEqualTo(DrillPhase.Failed);
    assertThat(end.status().message()).isEqualTo("1/2 nodes Succeeded; node-a Refused");
    assertThat(end.status().done()).isEqualTo("2/2");
    assertThat(end.status().finishedAt()).isEqualTo(NOW.toString());
    assertThat(end.status().startedAt()).isEqualTo("2026-12-03T11:59:00Z");
    assertThat(end.clear()).containsExactly("node-b");
    assertThat(end.ask()).isNull();
    assertThat(end.lookAgainAfter()).isNull();
  }

  @Test
  void aNodeOfTheBondBridgeInAnotherDrillMakesThisOneWait() {
    DrillRequest other = new DrillRequest("weekly", "uid-2", DrillMethod.active);

    Step waits = step(null, children(ready("node-a"), asked(ready("node-b"), other)));

    assertThat(waits.ask()).isNull();
    assertThat(waits.status().phase()).isEqualTo(DrillPhase.Pending);
    assertThat(waits.status().message())
        .isEqualTo("waiting for drill weekly on node-b: one node of a BondBridge at a time");
    assertThat(waits.lookAgainAfter()).isEqualTo(DrillProgress.WAITING);
  }

  @Test
  void anApplyingNodeIsWaitedForANotReadyNodeSkippedAGoneNodeSkipped() {
    Child applying = new Child("node-a", Phase.Applying, false, null, null, null);
    assertThat(step(null, children(applying, ready("node-b"))).status().message())
        .isEqualTo("node-a is applying its BondBridgeNode");

    Child degraded = new Child("node-a", Phase.Degraded, true, "eth1 down", null, null);
    Step skipped = step(null, children(degraded, ready("node-b")));
    assertThat(skipped.ask()).isEqualTo("node-b");
    assertThat(skipped.status().nodes().get(0).phase()).isEqualTo(DrillPhase.Skipped);
    assertThat(skipped.status().nodes().get(0).message())
        .isEqualTo(
            "its BondBridgeNode is Degraded (eth1 down): a drill runs on a Ready node only, it"
                + " never takes the last path away");

    Step gone = step(null, children(ready("node-b")));
    assertThat(gone.ask()).isEqualTo("node-b");
    assertThat(gone.status().nodes().get(0).message())
        .isEqualTo("it has no BondBridgeNode of the BondBridge (any more)");
  }

  @Test
  void anAgentSilentPastTheLimitIsGivenUpOnAndItsRequestTakenBack() {
    BondBridgeDrillStatus running =
        new BondBridgeDrillStatus(
            DrillPhase.Running,
            "drilling node-a",
            "node-a",
            "0/1",
            "2026-12-03T11:50:00Z",
            null,
            List.of(
                new NodeDrill(
                    "node-a",
                    null,
                    null,
                    DrillMethod.link,
                    DrillPhase.Running,
                    null,
                    null,
                    null,
                    "2026-12-03T11:50:00Z",
                    null,
                    null)));

    Step end =
        DrillProgress.next(
            DRILL,
            running,
            List.of(),
            children(asked(ready("node-a"), DRILL.request())),
            true,
            NOW);

    assertThat(end.status().phase()).isEqualTo(DrillPhase.Failed);
    assertThat(end.status().nodes().get(0).message())
        .isEqualTo("its agent did not report the drill within 5 minutes");
    assertThat(end.clear()).containsExactly("node-a");
  }

  @Test
  void noBondBridgeOrNoNodeEndsTheDrillAtOnce() {
    Step missing = DrillProgress.next(DRILL, null, List.of(), Map.of(), false, NOW);
    assertThat(missing.status().phase()).isEqualTo(DrillPhase.Failed);
    assertThat(missing.status().message()).isEqualTo("BondBridge not found: nothing to drill");

    Step none = DrillProgress.next(DRILL, null, List.of(), Map.of(), true, NOW);
    assertThat(none.status().message())
        .isEqualTo("no node of the BondBridge matches the drill's nodeSelector");
  }

  @Test
  void aFinishedDrillOnlyTakesBackWhatIsLeftOfIt() {
    BondBridgeDrillStatus done =
        new BondBridgeDrillStatus(
            DrillPhase.Succeeded,
            "1/1 nodes Succeeded",
            null,
            "1/1",
            null,
            NOW.toString(),
            List.of());

    Step after = step(done, children(asked(ready("node-a"), DRILL.request())));

    assertThat(after.status()).isSameAs(done);
    assertThat(after.clear()).containsExactly("node-a");
    assertThat(after.ask()).isNull();
  }
}

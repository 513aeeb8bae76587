package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridgeStatus;
import io.bondbridge.operator.model.NodeState.Health;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T00:10:00Z");

  private static RolloutPlan plan(boolean halted, NodeState... states) {
    return new RolloutPlan(
        2, halted, List.of(), List.of(), List.of(), List.of(states), Optional.empty());
  }

  private static NodeState s(String node, Health h) {
    return new NodeState(
        node,
        h,
        true,
        h == Health.FAILED ? "PortNotFound" : null,
        h == Health.FAILED ? "eth9 not found" : null);
  }

  private static Condition condition(BondBridgeStatus status, String type) {
    return status.conditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void allReady() {
    BondBridgeStatus st =
        StatusAggregator.aggregate(
            3,
            null,
            plan(false, s("a", Health.READY), s("b", Health.READY)),
            List.of(),
            Map.of(),
            T1);
    assertThat(st.ready()).isEqualTo("2/2");
    assertThat(st.phase()).isEqualTo("Ready");
    assertThat(st.observedGeneration()).isEqualTo(3);
    assertThat(condition(st, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(st, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(st, "Degraded").getStatus()).isEqualTo("False");
    assertThat(condition(st, "Conflict").getStatus()).isEqualTo("False");
    assertThat(st.conditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3));
    assertThat(st.failedNodes()).isNull();
  }

  @Test
  void countsAndHaltedRollout() {
    BondBridgeStatus st =
        StatusAggregator.aggregate(
            1,
            null,
            plan(
                true,
                s("a", Health.READY),
                s("b", Health.FAILED),
                s("c", Health.DEGRADED),
                s("d", Health.WAITING),
                s("e", Health.APPLYING)),
            List.of(),
            Map.of("f", "AddressPoolExhausted: no free address"),
            T1);
    assertThat(st.nodes().matched()).isEqualTo(6);
    assertThat(st.nodes().ready()).isEqualTo(1);
    assertThat(st.nodes().degraded()).isEqualTo(1);
    assertThat(st.nodes().failed()).isEqualTo(2);
    assertThat(st.nodes().progressing()).isEqualTo(2);
    assertThat(st.ready()).isEqualTo("1/6");
    assertThat(st.failedNodes()).containsExactly("b", "f");
    assertThat(st.degradedNodes()).containsExactly("c");
    assertThat(st.phase()).isEqualTo("Degraded");
    assertThat(condition(st, "Progressing").getReason()).isEqualTo("RolloutHalted");
    assertThat(condition(st, "Degraded").getMessage())
        .contains("b: PortNotFound (eth9 not found)")
        .contains("f: AddressPoolExhausted");
  }

  @Test
  void listsAreBoundedAndConflictsNamed() {
    List<NodeState> failed = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      failed.add(s("n" + (100 + i), Health.FAILED));
    }
    BondBridgeStatus st =
        StatusAggregator.aggregate(
            1,
            null,
            plan(true, failed.toArray(NodeState[]::new)),
            List.of(new Conflicts.Conflict("x", "other", Set.of("bond0"))),
            Map.of(),
            T1);
    assertThat(st.failedNodes()).hasSize(BondBridgeStatus.MAX_LISTED_NODES);
    assertThat(condition(st, "Degraded").getMessage()).endsWith("and 10 more");
    assertThat(st.phase()).isEqualTo("Failed");
    assertThat(condition(st, "Conflict").getStatus()).isEqualTo("True");
    assertThat(condition(st, "Conflict").getMessage())
        .contains("node x")
        .contains("other")
        .contains("bond0");
  }

  @Test
  void lastTransitionTimeIsKeptWhileAConditionHoldsSoAnUnchangedWorldGivesAnEqualStatus() {
    RolloutPlan applying = plan(false, s("a", Health.READY), s("b", Health.APPLYING));
    BondBridgeStatus first = StatusAggregator.aggregate(1, null, applying, List.of(), Map.of(), T1);
    BondBridgeStatus again =
        StatusAggregator.aggregate(1, first, applying, List.of(), Map.of(), T2);
    assertThat(again).isEqualTo(first);

    BondBridgeStatus done =
        StatusAggregator.aggregate(
            1,
            first,
            plan(false, s("a", Health.READY), s("b", Health.READY)),
            List.of(),
            Map.of(),
            T2);
    assertThat(condition(done, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T00:10:00Z");
    assertThat(condition(done, "Progressing").getLastTransitionTime())
        .isEqualTo("2026-01-01T00:10:00Z");
    assertThat(condition(done, "Degraded").getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
  }
}

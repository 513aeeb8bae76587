package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.operator.model.NodeState.Health;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private static BondBridgeNodeSpec spec(String node, long generation) {
    return new BondBridgeNodeSpec(
        node,
        "bb",
        generation,
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0")),
            null,
            null,
            null),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Map<String, BondBridgeNodeSpec> desired(long generation, String... nodes) {
    Map<String, BondBridgeNodeSpec> m = new TreeMap<>();
    for (String n : nodes) {
      m.put(n, spec(n, generation));
    }
    return m;
  }

  private static Child child(
      String node,
      long specGeneration,
      long generation,
      Long observed,
      Phase phase,
      Instant handedOverAt) {
    return new Child(
        node,
        spec(node, specGeneration),
        generation,
        observed,
        phase,
        null,
        null,
        handedOverAt,
        false);
  }

  private static Child ready(String node, long specGeneration) {
    return child(
        node, specGeneration, specGeneration, specGeneration, Phase.Ready, NOW.minusSeconds(60));
  }

  @Test
  void maxUnavailableIsAnIntOrAPercentRoundedUpAndAtLeastOne() {
    assertThat(RolloutPlan.maxUnavailable(null, 100)).isEqualTo(10);
    assertThat(RolloutPlan.maxUnavailable(null, 3)).isEqualTo(1);
    assertThat(RolloutPlan.maxUnavailable(new IntOrString("25%"), 7)).isEqualTo(2);
    assertThat(RolloutPlan.maxUnavailable(new IntOrString("1%"), 0)).isEqualTo(1);
    assertThat(RolloutPlan.maxUnavailable(new IntOrString("100%"), 1000)).isEqualTo(1000);
    assertThat(RolloutPlan.maxUnavailable(new IntOrString(3), 10)).isEqualTo(3);
    assertThat(RolloutPlan.maxUnavailable(new IntOrString(0), 10)).isEqualTo(1);
  }

  @Test
  void createStartsWithAtMostMaxUnavailableNodesInNameOrder() {
    RolloutPlan p =
        RolloutPlan.plan(
            desired(1, "c", "a", "b", "d"), List.of(), new IntOrString(2), NOW, TIMEOUT);
    assertThat(p.create()).containsExactly("a", "b");
    assertThat(p.update()).isEmpty();
    assertThat(p.nextDeadline()).contains(NOW.plus(TIMEOUT));
    assertThat(p.states())
        .extracting(NodeState::health)
        .containsExactly(Health.APPLYING, Health.APPLYING, Health.WAITING, Health.WAITING);
  }

  @Test
  void applyingNodesUseUpTheBudget() {
    List<Child> children = List.of(child("a", 1, 1, null, null, NOW), ready("b", 1));
    RolloutPlan p =
        RolloutPlan.plan(
            desired(1, "a", "b", "c", "d"), children, new IntOrString(2), NOW, TIMEOUT);
    assertThat(p.create()).containsExactly("c");
  }

  @Test
  void aFailedNodeOnTheCurrentSpecHaltsEverything() {
    List<Child> children = List.of(child("a", 1, 1, 1L, Phase.Failed, NOW), ready("b", 1));
    RolloutPlan p =
        RolloutPlan.plan(
            desired(1, "a", "b", "c", "d"), children, new IntOrString("100%"), NOW, TIMEOUT);
    assertThat(p.halted()).isTrue();
    assertThat(p.create()).isEmpty();
    assertThat(p.update()).isEmpty();
  }

  @Test
  void aNewSpecGoesAtOnceToNodesAlreadyUnavailableThenPacedToTheRest() {
    List<Child> children =
        new ArrayList<>(
            List.of(
                child("a", 1, 1, 1L, Phase.Failed, NOW), // failed on the old spec: gets the fix
                child("b", 1, 1, null, null, NOW), // applying the old spec: moves on
                ready("c", 1),
                ready("d", 1)));
    RolloutPlan p =
        RolloutPlan.plan(
            desired(2, "a", "b", "c", "d"), children, new IntOrString(2), NOW, TIMEOUT);
    assertThat(p.halted()).isFalse();
    assertThat(p.update()).containsExactly("a", "b");
    // two unavailable already: nobody else yet
    RolloutPlan later =
        RolloutPlan.plan(
            desired(2, "a", "b", "c", "d"),
            List.of(ready("a", 2), ready("b", 2), ready("c", 1), ready("d", 1)),
            new IntOrString(2),
            NOW,
            TIMEOUT);
    assertThat(later.update()).containsExactly("c", "d");
  }

  @Test
  void anUnobservedSpecPastTheTimeoutIsNoAgentAndHalts() {
    Instant handedOver = NOW.minus(TIMEOUT).minusSeconds(1);
    List<Child> children = List.of(child("a", 1, 1, null, null, handedOver));
    RolloutPlan p =
        RolloutPlan.plan(desired(1, "a", "b"), children, new IntOrString(5), NOW, TIMEOUT);
    assertThat(p.states().get(0).health()).isEqualTo(Health.NO_AGENT);
    assertThat(p.states().get(0).reason()).isEqualTo("NoAgent");
    assertThat(p.halted()).isTrue();
    assertThat(p.create()).isEmpty();
    // an agent that reported on an older generation only is no better
    Child stale = child("a", 1, 2, 1L, Phase.Ready, handedOver);
    assertThat(RolloutPlan.classify(stale, spec("a", 1), NOW, TIMEOUT).health())
        .isEqualTo(Health.NO_AGENT);
  }

  @Test
  void theDeadlineIsTheEarliestPendingHandOver() {
    List<Child> children =
        List.of(
            child("a", 1, 1, null, null, NOW.minusSeconds(100)),
            child("b", 1, 1, null, null, NOW.minusSeconds(10)));
    RolloutPlan p =
        RolloutPlan.plan(desired(1, "a", "b"), children, new IntOrString(5), NOW, TIMEOUT);
    assertThat(p.nextDeadline()).contains(NOW.minusSeconds(100).plus(TIMEOUT));
  }

  @Test
  void whileANodeAppliesTheOperatorLooksAgainSoonElseOnlyAtTheDeadlineOrARetry() {
    RolloutPlan settled =
        RolloutPlan.plan(
            desired(1, "a", "b"),
            List.of(ready("a", 1), ready("b", 1)),
            new IntOrString(1),
            NOW,
            TIMEOUT);
    assertThat(settled.lookAgainAfter(NOW, false)).isEmpty();
    assertThat(settled.lookAgainAfter(NOW, true)).contains(RolloutPlan.CREATE_RETRY);

    // b applies, picked up by its agent (so no deadline): only the progress check wakes us
    Child applying = child("b", 1, 1, 1L, Phase.Applying, NOW.minusSeconds(1));
    RolloutPlan moving =
        RolloutPlan.plan(
            desired(1, "a", "b"),
            List.of(ready("a", 1), applying),
            new IntOrString(1),
            NOW,
            TIMEOUT);
    assertThat(moving.nextDeadline()).isEmpty();
    assertThat(moving.lookAgainAfter(NOW, false)).contains(RolloutPlan.PROGRESS_CHECK);
    assertThat(moving.lookAgainAfter(NOW, true)).contains(RolloutPlan.PROGRESS_CHECK);

    // a deadline sooner than the progress check wins, just past it
    Child late = child("b", 1, 1, null, null, NOW.minus(TIMEOUT).plusSeconds(2));
    RolloutPlan due =
        RolloutPlan.plan(
            desired(1, "a", "b"), List.of(ready("a", 1), late), new IntOrString(1), NOW, TIMEOUT);
    assertThat(due.lookAgainAfter(NOW, false)).contains(Duration.ofMillis(2001));
  }

  @Test
  void childrenOfNodesNoLongerWantedGoAndDeletingOnesBlockARecreate() {
    Child leaving = ready("x", 1);
    Child deleting = new Child("a", spec("a", 1), 1, 1L, Phase.TearingDown, null, null, NOW, true);
    RolloutPlan p =
        RolloutPlan.plan(
            desired(1, "a"), List.of(leaving, deleting), new IntOrString(5), NOW, TIMEOUT);
    assertThat(p.delete()).containsExactly("x");
    assertThat(p.create()).isEmpty();
  }

  @Test
  void degradedAndRolledBackAreClassified() {
    assertThat(
            RolloutPlan.classify(
                    child("a", 1, 1, 1L, Phase.Degraded, NOW), spec("a", 1), NOW, TIMEOUT)
                .health())
        .isEqualTo(Health.DEGRADED);
    NodeState rolledBack =
        RolloutPlan.classify(
            child("a", 1, 1, 1L, Phase.RolledBack, NOW), spec("a", 1), NOW, TIMEOUT);
    assertThat(rolledBack.health()).isEqualTo(Health.FAILED);
    assertThat(rolledBack.reason()).isEqualTo("RolledBack");
  }
}

package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bond;
import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Specs.withBond;
import static io.bondbridge.operator.testing.Waits.condition;
import static io.bondbridge.operator.testing.Waits.conditionIs;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.RolloutObserver;
import io.bondbridge.operator.testing.SimulatedAgents;
import io.bondbridge.operator.testing.SimulatedAgents.Behaviour;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pacing, halting, NoAgent and spec edits, with the real operator against the mock API. */
class RolloutTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private MockCluster cluster;
  private SimulatedAgents agents;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    agents = cluster.startAgents();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void nodes(int n) {
    for (int i = 0; i < n; i++) {
      cluster.addNode("node-" + i, Map.of("uplink", "yes"));
    }
  }

  private void edit(String name, java.util.function.UnaryOperator<BondBridgeSpec> change) {
    cluster.editSpec(name, change);
  }

  private static Bond withMiimon(Bond b, int miimon) {
    return new Bond(b.name(), b.mode(), b.ports(), b.primary(), miimonOnly(miimon), b.mtu());
  }

  private static BondOptions miimonOnly(int miimon) {
    BondOptions none = BondOptions.none();
    return new BondOptions(
        miimon,
        none.updelay(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void createRollsOutInBatchesOfMaxUnavailable() {
    nodes(6);
    cluster.startOperator(Duration.ofMinutes(5));
    try (RolloutObserver observer = new RolloutObserver(cluster.client(), "uplink")) {
      cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 2)));

      await().atMost(LONG).until(() -> converged(cluster, "uplink", 6));
      assertThat(observer.maxUnavailable()).isBetween(1, 2);
    }
    BondBridge bb = cluster.bondBridge("uplink");
    assertThat(bb.getStatus().phase()).isEqualTo("Ready");
    assertThat(bb.getStatus().nodes().matched()).isEqualTo(6);
    assertThat(conditionIs(cluster, "uplink", "Ready", "True")).isTrue();
    assertThat(conditionIs(cluster, "uplink", "Progressing", "False")).isTrue();
    assertThat(conditionIs(cluster, "uplink", "Degraded", "False")).isTrue();
  }

  @Test
  void percentMaxUnavailableIsRoundedUpAndASpecChangeRollsOutPacedToo() {
    nodes(7);
    cluster.startOperator(Duration.ofMinutes(5));
    // 25% of 7 nodes = 1.75, rounded up: 2 at once
    cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), "25%")));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 7));

    try (RolloutObserver observer = new RolloutObserver(cluster.client(), "uplink")) {
      await().until(() -> observer.unavailableNow() == 0 && cluster.children("uplink").size() == 7);
      edit("uplink", s -> withBond(s, withMiimon(s.bond(), 200)));

      await().atMost(LONG).until(() -> converged(cluster, "uplink", 7));
      assertThat(observer.maxUnavailable()).isBetween(1, 2);
    }
    assertThat(cluster.children("uplink"))
        .allSatisfy(c -> assertThat(c.getSpec().bond().options().miimon()).isEqualTo(200));
  }

  @Test
  void aFailedNodeHaltsTheRolloutAndAFixedSpecResumesIt() {
    nodes(5);
    agents.behave("node-1", Behaviour.FAIL);
    cluster.startOperator(Duration.ofMinutes(5));
    cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 1)));

    await().atMost(LONG).until(() -> conditionIs(cluster, "uplink", "Progressing", "False"));
    Condition progressing = condition(cluster, "uplink", "Progressing").orElseThrow();
    assertThat(progressing.getReason()).isEqualTo("RolloutHalted");
    Condition degraded = condition(cluster, "uplink", "Degraded").orElseThrow();
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getMessage()).contains("node-1").contains("PortNotFound");
    BondBridge halted = cluster.bondBridge("uplink");
    assertThat(halted.getStatus().failedNodes()).containsExactly("node-1");
    assertThat(halted.getStatus().nodes().failed()).isEqualTo(1);
    // nodes not yet reached keep what they had: no BondBridgeNode at all
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                cluster.children("uplink").stream()
                    .map(c -> c.getSpec().node())
                    .sorted()
                    .toList()
                    .equals(java.util.List.of("node-0", "node-1")));

    // the admin fixes the spec (and the node can apply it): the rollout resumes and completes
    agents.behave("node-1", Behaviour.SUCCEED);
    edit("uplink", s -> withBond(s, bond("bond0", "eth0", "eth2")));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 5));
    assertThat(conditionIs(cluster, "uplink", "Degraded", "False")).isTrue();
    assertThat(cluster.bondBridge("uplink").getStatus().failedNodes()).isNull();
  }

  @Test
  void aNodeThatRecoversOnItsOwnAlsoResumesTheRollout() {
    nodes(3);
    agents.behave("node-0", Behaviour.FAIL);
    cluster.startOperator(Duration.ofMinutes(5));
    cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 1)));
    await().atMost(LONG).until(() -> conditionIs(cluster, "uplink", "Degraded", "True"));
    assertThat(cluster.children("uplink")).hasSize(1);

    // e.g. the cable was plugged back in and the agent retried the same generation
    agents.behave("node-0", Behaviour.SUCCEED);
    agents.resync();
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 3));
  }

  @Test
  void aNodeWhoseAgentNeverAnswersFailsWithNoAgentAndRecoversWhenItComes() {
    nodes(3);
    agents.behave("node-0", Behaviour.ABSENT);
    cluster.startOperator(Duration.ofMillis(1500));
    cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 1)));

    await().atMost(LONG).until(() -> conditionIs(cluster, "uplink", "Degraded", "True"));
    BondBridge bb = cluster.bondBridge("uplink");
    assertThat(bb.getStatus().failedNodes()).containsExactly("node-0");
    assertThat(condition(cluster, "uplink", "Degraded").orElseThrow().getMessage())
        .contains("node-0: NoAgent");
    assertThat(condition(cluster, "uplink", "Progressing").orElseThrow().getReason())
        .isEqualTo("RolloutHalted");
    assertThat(cluster.children("uplink")).hasSize(1);

    agents.behave("node-0", Behaviour.SUCCEED);
    agents.resync();
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 3));
  }

  @Test
  void editingTheSpecMidRolloutRollsOutTheNewGenerationWithoutGettingStuck() {
    nodes(6);
    agents.applyTime(Duration.ofMillis(400));
    cluster.startOperator(Duration.ofMinutes(5));
    try (RolloutObserver observer = new RolloutObserver(cluster.client(), "uplink")) {
      cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 2)));
      await()
          .atMost(LONG)
          .until(
              () ->
                  cluster.children("uplink").stream()
                          .filter(
                              c -> c.getStatus() != null && c.getStatus().phase() == Phase.Ready)
                          .count()
                      >= 2);
      assertThat(converged(cluster, "uplink", 6)).isFalse();

      edit("uplink", s -> withBond(s, withMiimon(s.bond(), 300)));

      await().atMost(LONG).until(() -> converged(cluster, "uplink", 6));
      assertThat(observer.maxUnavailable()).isBetween(1, 2);
    }
    BondBridge bb = cluster.bondBridge("uplink");
    assertThat(bb.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(cluster.children("uplink"))
        .extracting(BondBridgeNode::getSpec)
        .allSatisfy(s -> assertThat(s.bond().options().miimon()).isEqualTo(300));
  }
}

package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.RolloutObserver;
import io.bondbridge.operator.testing.SimulatedAgents;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator stopped mid-rollout and a new one started: it carries on from the children. */
class RestartTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private MockCluster cluster;
  private SimulatedAgents agents;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    agents = cluster.startAgents().applyTime(Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aRestartedOperatorFinishesTheRolloutWithinTheSameBudget() {
    for (int i = 0; i < 8; i++) {
      cluster.addNode("node-" + i, Map.of("uplink", "yes"));
    }
    BondBridgeOperator first = cluster.startOperator(Duration.ofMinutes(5));
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
      first.stop();
      // while no operator runs, the agents finish what they were given, and nothing new starts
      await().atMost(LONG).until(() -> observer.unavailableNow() == 0);
      int handedOut = cluster.children("uplink").size();
      assertThat(handedOut).isLessThan(8);
      Map<String, String> uids = new HashMap<>();
      cluster
          .children("uplink")
          .forEach(c -> uids.put(c.getMetadata().getName(), c.getMetadata().getUid()));

      cluster.startOperator(Duration.ofMinutes(5));
      await().atMost(LONG).until(() -> converged(cluster, "uplink", 8));
      assertThat(observer.maxUnavailable()).isBetween(1, 2);
      // the children from before the restart were kept, not recreated
      for (BondBridgeNode c : cluster.children("uplink")) {
        if (uids.containsKey(c.getMetadata().getName())) {
          assertThat(c.getMetadata().getUid()).isEqualTo(uids.get(c.getMetadata().getName()));
        }
      }
    }
    BondBridge bb = cluster.bondBridge("uplink");
    assertThat(bb.getStatus().nodes().ready()).isEqualTo(8);
  }
}

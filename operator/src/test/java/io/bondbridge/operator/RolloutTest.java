package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.RolloutObserver;
import io.bondbridge.operator.testing.SimulatedAgents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutTest {
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

  @Test
  void createRollsOutInBatchesOfMaxUnavailable() {
    nodes(6);
    cluster.startOperator(Duration.ofMinutes(5));
    try (RolloutObserver observer = new RolloutObserver(cluster.client(), "uplink")) {
      cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), 2)));

      await().atMost(Duration.ofSeconds(30)).until(() -> "6/6".equals(readyOf("uplink")));
      assertThat(observer.maxUnavailable()).isBetween(1, 2);
    }
    BondBridge bb = cluster.bondBridge("uplink");
    assertThat(bb.getStatus().phase()).isEqualTo("Ready");
    assertThat(bb.getStatus().observedGeneration()).isEqualTo(bb.getMetadata().getGeneration());
    assertThat(cluster.children("uplink"))
        .hasSize(6)
        .allSatisfy(c -> assertThat(c.getStatus().phase()).isEqualTo(Phase.Ready));
  }

  private String readyOf(String name) {
    BondBridge bb = cluster.bondBridge(name);
    return bb == null || bb.getStatus() == null ? null : bb.getStatus().ready();
  }
}

package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Specs.withCleanup;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.SimulatedAgents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting a BondBridge: its BondBridgeNodes go (explicitly: the mock has no GC), then it goes. */
class DeletionTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private MockCluster cluster;
  private SimulatedAgents agents;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    agents = cluster.startAgents();
    cluster.startOperator(Duration.ofMinutes(5));
    for (String n : new String[] {"n1", "n2", "n3"}) {
      cluster.addNode(n, Map.of("uplink", "yes"));
    }
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void createAndDelete(CleanupPolicy cleanup) {
    cluster.create(
        bondBridge("uplink", withCleanup(spec(labelled("uplink", "yes"), "100%"), cleanup)));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 3));
    assertThat(cluster.bondBridge("uplink").getMetadata().getFinalizers()).isNotEmpty();

    cluster.client().resources(BondBridge.class).withName("uplink").delete();
    await().atMost(LONG).until(() -> cluster.bondBridge("uplink") == null);
    assertThat(cluster.children("uplink")).isEmpty();
  }

  @Test
  void restoreTearsEveryNodeDownBeforeTheBondBridgeGoes() {
    createAndDelete(CleanupPolicy.Restore);
    assertThat(agents.tornDown()).containsExactlyInAnyOrder("uplink.n1", "uplink.n2", "uplink.n3");
    assertThat(agents.letGo()).isEmpty();
  }

  @Test
  void orphanLetsTheChildrenGoWithoutTeardown() {
    createAndDelete(CleanupPolicy.Orphan);
    assertThat(agents.letGo()).containsExactlyInAnyOrder("uplink.n1", "uplink.n2", "uplink.n3");
    assertThat(agents.tornDown()).isEmpty();
  }
}

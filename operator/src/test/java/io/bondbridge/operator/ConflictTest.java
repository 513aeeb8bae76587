package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bond;
import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Specs.withBond;
import static io.bondbridge.operator.testing.Specs.withBridge;
import static io.bondbridge.operator.testing.Waits.condition;
import static io.bondbridge.operator.testing.Waits.conditionIs;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two BondBridges claiming the same interface on one node: the older keeps it. */
class ConflictTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    cluster.startAgents();
    cluster.startOperator(Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theOlderKeepsTheNodeTheNewerReportsConflictAndTakesOverWhenTheOlderGoes() {
    cluster.addNode("shared", Map.of("a", "yes", "b", "yes"));
    cluster.addNode("only-b", Map.of("b", "yes"));
    // "a-older" sorts first, so it is the older one even when both are created in one second
    cluster.create(bondBridge("a-older", spec(labelled("a", "yes"), "100%")));
    await().atMost(LONG).until(() -> converged(cluster, "a-older", 1));
    // a different bond and bridge, but the same port eth1
    cluster.create(
        bondBridge(
            "b-newer",
            withBridge(
                withBond(spec(labelled("b", "yes"), "100%"), bond("bond1", "eth1", "eth2")),
                Bridge.named("br1"))));

    await().atMost(LONG).until(() -> conditionIs(cluster, "b-newer", "Conflict", "True"));
    await()
        .atMost(LONG)
        .until(() -> "1/1".equals(cluster.bondBridge("b-newer").getStatus().ready()));
    Condition conflict = condition(cluster, "b-newer", "Conflict").orElseThrow();
    assertThat(conflict.getMessage()).contains("shared").contains("a-older").contains("eth1");
    assertThat(cluster.child("b-newer.shared")).isNull();
    assertThat(cluster.child("b-newer.only-b")).isNotNull();
    assertThat(cluster.bondBridge("b-newer").getStatus().phase()).isEqualTo("Conflict");
    assertThat(conditionIs(cluster, "a-older", "Conflict", "False")).isTrue();
    assertThat(cluster.child("a-older.shared")).isNotNull();

    cluster.client().resources(BondBridge.class).withName("a-older").delete();
    await().atMost(LONG).until(() -> cluster.bondBridge("a-older") == null);
    await().atMost(LONG).until(() -> converged(cluster, "b-newer", 2));
    assertThat(conditionIs(cluster, "b-newer", "Conflict", "False")).isTrue();
    assertThat(cluster.child("b-newer.shared")).isNotNull();
  }
}

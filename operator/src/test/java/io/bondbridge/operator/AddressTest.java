package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.pool;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Specs.withIpv4;
import static io.bondbridge.operator.testing.Waits.condition;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.SimulatedAgents;
import io.bondbridge.operator.testing.Waits;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Static addresses per node: from the map, from the pool, stable, never shared, exhausted. */
class AddressTest {
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

  private Map<String, String> addresses() {
    Map<String, String> byNode = new TreeMap<>();
    cluster
        .children("uplink")
        .forEach(c -> byNode.put(c.getSpec().node(), c.getSpec().ipv4().address()));
    return byNode;
  }

  @Test
  void mapThenPoolStableAcrossRestartsAndAnExhaustedPoolIsReported() {
    for (String n : new String[] {"a", "b", "c"}) {
      cluster.addNode(n, Map.of("uplink", "yes"));
    }
    BondBridgeOperator first = cluster.startOperator(Duration.ofMinutes(5));
    cluster.create(
        bondBridge(
            "uplink",
            withIpv4(
                spec(labelled("uplink", "yes"), "100%"),
                pool("10.0.0.0/24", "10.0.0.10-10.0.0.11", Map.of("b", "10.0.0.50/24")))));
    await().atMost(LONG).until(() -> converged(cluster, "uplink", 3));
    assertThat(addresses())
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of("a", "10.0.0.10/24", "b", "10.0.0.50/24", "c", "10.0.0.11/24")));

    // a fourth node finds the pool empty: no BondBridgeNode, reported in the status
    cluster.addNode("d", Map.of("uplink", "yes"));
    await()
        .atMost(LONG)
        .until(
            () ->
                cluster.bondBridge("uplink").getStatus().failedNodes() != null
                    && cluster.bondBridge("uplink").getStatus().failedNodes().contains("d"));
    BondBridge bb = cluster.bondBridge("uplink");
    assertThat(bb.getStatus().nodes().matched()).isEqualTo(4);
    assertThat(bb.getStatus().ready()).isEqualTo("3/4");
    assertThat(condition(cluster, "uplink", "Degraded").orElseThrow().getReason())
        .isEqualTo("AddressPoolExhausted");
    assertThat(condition(cluster, "uplink", "Degraded").orElseThrow().getMessage())
        .contains("d: AddressPoolExhausted");
    assertThat(cluster.child("uplink.d")).isNull();

    // a new operator process reads the addresses back from the children: nothing moves
    first.stop();
    cluster.startOperator(Duration.ofMinutes(5));
    cluster.addNode("e", Map.of("uplink", "yes"));
    await()
        .atMost(LONG)
        .until(() -> cluster.bondBridge("uplink").getStatus().failedNodes().contains("e"));
    assertThat(addresses())
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of("a", "10.0.0.10/24", "b", "10.0.0.50/24", "c", "10.0.0.11/24")));

    // a leaves: once its BondBridgeNode is gone, its address goes to the first node waiting
    cluster.setNodeLabels("a", Map.of());
    Waits.until(cluster, () -> cluster.child("uplink.d") != null);
    await().atMost(LONG).until(() -> addresses().size() == 3 && addresses().containsKey("d"));
    assertThat(addresses()).containsEntry("d", "10.0.0.10/24").doesNotContainKey("a");
    assertThat(addresses().values()).doesNotHaveDuplicates();
  }

  @Test
  void oneAddressMappedToTwoNodesGoesToNeitherAndTheStatusNamesBothAndTheAddress() {
    for (String n : new String[] {"a", "b", "c"}) {
      cluster.addNode(n, Map.of("uplink", "yes"));
    }
    cluster.startOperator(Duration.ofMinutes(5));
    cluster.create(
        bondBridge(
            "uplink",
            withIpv4(
                spec(labelled("uplink", "yes"), "100%"),
                pool(
                    "10.0.0.0/24",
                    "10.0.0.10-10.0.0.11",
                    Map.of("a", "10.0.0.50/24", "b", "10.0.0.50/24")))));

    Waits.until(
        cluster,
        () ->
            cluster.bondBridge("uplink").getStatus() != null
                && cluster.bondBridge("uplink").getStatus().failedNodes() != null
                && cluster.bondBridge("uplink").getStatus().failedNodes().size() == 2);
    Waits.until(cluster, () -> "Ready".equals(phaseOf("uplink.c")));
    assertThat(cluster.bondBridge("uplink").getStatus().failedNodes()).containsExactly("a", "b");
    assertThat(condition(cluster, "uplink", "Degraded").orElseThrow().getMessage())
        .contains("a: DuplicateAddress: 10.0.0.50 (ipv4) is given to nodes a and b")
        .contains("b: DuplicateAddress: 10.0.0.50 (ipv4) is given to nodes b and a");
    assertThat(addresses()).containsExactlyEntriesOf(Map.of("c", "10.0.0.10/24"));
  }

  private String phaseOf(String child) {
    var c = cluster.child(child);
    return c == null || c.getStatus() == null ? null : String.valueOf(c.getStatus().phase());
  }
}

package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeDrillSpec;
import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.api.v1alpha1.NodeDrill;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.e2e.AgentClients;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.bondbridge.testkit.MockApiServer;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster tier of a BondBridgeDrill: the fabric8 mock API server (CRUD mode), the REAL operator
 * and two REAL node agents, each on a SIMULATED host ({@link SimulatedHost}; two nodes on the real
 * kernel are e2e's TwoNodeDrillKernelIT). What is checked here is the cluster's part, where the
 * kernel tier would be slow: one node at a time, never two nodes of one BondBridge at once (also
 * with two drills), the figures of both nodes in the drill's status, a node that is not Ready
 * skipped, a nodeSelector, the requests gone at the end.
 */
class TwoNodeDrillTest {
  private MockApiServer server;
  private KubernetesClient client;
  private BondBridgeOperator operator;
  private final AtomicInteger drillsNow = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final Map<String, SimulatedHost> hosts =
      Map.of(
          "node-a", new SimulatedHost("eth0", "eth1"), "node-b", new SimulatedHost("eth0", "eth1"));

  @BeforeEach
  void start() {
    server =
        MockApiServer.builder()
            .withNode("node-a", Map.of("bondbridge.io/uplink", "true", "rack", "r1"))
            .withNode("node-b", Map.of("bondbridge.io/uplink", "true", "rack", "r2"))
            .patientClients()
            .start();
    client = server.client();
    operator =
        new BondBridgeOperator(
            server.newClient(),
            OperatorSettings.defaults(),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    operator.start();
    server.closeFirst(operator::stop);
    hosts.forEach(
        (node, host) -> {
          host.countDrillsIn(drillsNow, mostAtOnce);
          ApiClient c = AgentClients.patient(server);
          NodeAgent agent =
              new NodeAgent(
                  c,
                  node,
                  host,
                  host,
                  new AgentMetrics(new SimpleMeterRegistry()),
                  Clock.systemUTC(),
                  NodeAgent.DEFAULT_EVENT_NAMESPACE);
          agent.start();
          server.closeFirst(agent);
        });
    client.resource(NodeAgentApiTest.example()).create();
    for (String node : hosts.keySet()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> phase("vm-uplink." + node) == Phase.Ready);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDrillOnTwoNodesRunsOneAtATimeAndReportsBoth() {
    client.resource(drill("monthly", null)).create();

    BondBridgeDrillStatus status = awaitFinished("monthly");

    assertThat(status.phase()).isEqualTo(DrillPhase.Succeeded);
    assertThat(status.done()).isEqualTo("2/2");
    assertThat(status.message()).isEqualTo("2/2 nodes Succeeded");
    assertThat(status.nodes()).extracting(NodeDrill::node).containsExactly("node-a", "node-b");
    for (NodeDrill node : status.nodes()) {
      assertThat(node.phase()).isEqualTo(DrillPhase.Succeeded);
      assertThat(node.method()).isEqualTo(DrillMethod.link);
      assertThat(node.ports()).hasSize(2);
      assertThat(node.startedAt()).isNotNull();
      assertThat(node.finishedAt()).isNotNull();
    }
    assertThat(status.nodes().get(0).finishedAt())
        .as("node-b started after node-a had finished")
        .isLessThanOrEqualTo(status.nodes().get(1).startedAt());
    assertThat(mostAtOnce).as("never two nodes at once").hasValue(1);
    assertThat(hosts.values()).allMatch(h -> h.drills.get() == 1);
    assertRequestsGone();
  }

  @Test
  void twoDrillsOfOneBondBridgeNeverDrillTwoNodesAtOnce() {
    client.resource(drill("first", null)).create();
    client.resource(drill("second", null)).create();

    assertThat(awaitFinished("first").phase()).isEqualTo(DrillPhase.Succeeded);
    assertThat(awaitFinished("second").phase()).isEqualTo(DrillPhase.Succeeded);

    assertThat(mostAtOnce).as("never two nodes at once").hasValue(1);
    assertThat(hosts.values()).allMatch(h -> h.drills.get() == 2);
    assertRequestsGone();
  }

  @Test
  void aNodeWithAPortDownIsSkippedAndTheOtherDrilledASelectorPicksNodes() {
    hosts.get("node-a").pull("eth1");
    await().atMost(Duration.ofSeconds(20)).until(() -> phase("vm-uplink.node-a") == Phase.Degraded);

    client.resource(drill("all", null)).create();
    BondBridgeDrillStatus all = awaitFinished("all");

    assertThat(all.phase()).isEqualTo(DrillPhase.Failed);
    assertThat(all.message()).isEqualTo("1/2 nodes Succeeded; node-a Skipped");
    assertThat(all.nodes().get(0).message()).contains("its BondBridgeNode is Degraded");
    assertThat(hosts.get("node-a").drills).hasValue(0);
    assertThat(hosts.get("node-b").drills).hasValue(1);

    client
        .resource(drill("rack2", new LabelSelectorBuilder().addToMatchLabels("rack", "r2").build()))
        .create();
    BondBridgeDrillStatus rack2 = awaitFinished("rack2");
    assertThat(rack2.phase()).isEqualTo(DrillPhase.Succeeded);
    assertThat(rack2.nodes()).extracting(NodeDrill::node).containsExactly("node-b");
    assertRequestsGone();
  }

  private void assertRequestsGone() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(server.children())
                    .allMatch(
                        c ->
                            c.getMetadata().getAnnotations() == null
                                || !c.getMetadata()
                                    .getAnnotations()
                                    .containsKey(DrillRequest.ANNOTATION)));
  }

  private BondBridgeDrillStatus awaitFinished(String name) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              BondBridgeDrill d = client.resources(BondBridgeDrill.class).withName(name).get();
              return d == null ? null : d.getStatus();
            },
            s -> s != null && s.phase() != null && s.phase().isFinished());
  }

  private Phase phase(String child) {
    BondBridgeNode c = server.child(child);
    return c == null || c.getStatus() == null ? null : c.getStatus().phase();
  }

  private static BondBridgeDrill drill(
      String name, io.fabric8.kubernetes.api.model.LabelSelector nodes) {
    return new BondBridgeDrill(name, new BondBridgeDrillSpec("vm-uplink", nodes, DrillMethod.link));
  }
}

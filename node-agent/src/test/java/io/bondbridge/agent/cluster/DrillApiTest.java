package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.api.v1alpha1.NodeDrill;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of a BondBridgeDrill against the fabric8 mock API server (CRUD mode): the
 * operator's request annotation on a child makes the real NodeAgent run the drill once and report
 * it in {@code status.drill}, an Event and metrics. The host is the SIMULATED one ({@link
 * SimulatedHost}): the drill's own figures are measured on the kernel tier (DrillKernelIT, e2e's
 * DrillKernelIT).
 */
class DrillApiTest {
  private static final String NODE = "node-a";
  private static final String CHILD = "vm-uplink." + NODE;

  private MockApi api;
  private SimulatedHost host;
  private NodeAgent agent;
  private BondBridge owner;

  @BeforeEach
  void start() {
    api = new MockApi();
    host = new SimulatedHost("eth0", "eth1");
    owner = api.client().resource(NodeAgentApiTest.example()).create();
    agent = started();
    api.createChild(
        owner,
        NodeAgentApiTest.spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"),
        NODE);
    awaitStatus(s -> s.phase() == Phase.Ready);
  }

  @AfterEach
  void stop() {
    agent.close();
    api.close();
  }

  private NodeAgent started() {
    NodeAgent a = api.agent(NODE, host, NodeAgent.DEFAULT_EVENT_NAMESPACE);
    a.start();
    await().atMost(Duration.ofSeconds(10)).until(a::isReady);
    return a;
  }

  @Test
  void aRequestIsDrilledOnceAndReportedInStatusEventsAndMetrics() {
    ask(new DrillRequest("monthly", "uid-1", DrillMethod.link));

    NodeDrill drill = awaitDrill(d -> d.phase() == DrillPhase.Succeeded);

    assertThat(drill.drill()).isEqualTo("monthly");
    assertThat(drill.uid()).isEqualTo("uid-1");
    assertThat(drill.node()).isEqualTo(NODE);
    assertThat(drill.method()).isEqualTo(DrillMethod.link);
    // eth0 was active; failing it made eth1 active, so eth1 was active when its turn came
    assertThat(drill.ports())
        .extracting(p -> p.port() + " " + p.wasActive() + " " + p.activeAfter())
        .containsExactly("eth0 true eth1", "eth1 true eth0");
    assertThat(drill.startedAt()).isNotNull();
    assertThat(drill.finishedAt()).isNotNull();
    assertThat(drill.message()).isEqualTo("bond0: eth0 10 ms, 1 lost; eth1 10 ms, 1 lost");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.events())
                    .filteredOn(e -> ChildDrills.SUCCEEDED.equals(e.getReason()))
                    .extracting(e -> e.getInvolvedObject().getKind())
                    .containsExactlyInAnyOrder("BondBridgeNode", "BondBridge"));
    assertThat(
            agent
                .metrics()
                .registry()
                .get(AgentMetrics.DRILLS)
                .tags("bond", "bond0", "result", "Succeeded")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            agent
                .metrics()
                .registry()
                .get(AgentMetrics.DRILL_LOST)
                .tags("bond", "bond0", "port", "eth0")
                .gauge()
                .value())
        .isEqualTo(1);

    // the link events of the drill, a spec edit and the request removed: no second drill, and the
    // record stays in the status beside what the agent observes
    host.noise();
    agent.sync();
    api.client()
        .resources(BondBridgeNode.class)
        .withName(CHILD)
        .edit(
            c -> {
              c.getMetadata().getAnnotations().remove(DrillRequest.ANNOTATION);
              return c;
            });
    agent.sync();
    assertThat(host.drills).hasValue(1);
    assertThat(api.child(CHILD).getStatus().drill().uid()).isEqualTo("uid-1");
    assertThat(api.child(CHILD).getStatus().phase()).isEqualTo(Phase.Ready);
  }

  @Test
  void aPortDownAlreadyRefusesTheDrillAndNothingIsFailed() {
    host.pull("eth1");
    awaitStatus(s -> s.phase() == Phase.Degraded);

    ask(new DrillRequest("monthly", "uid-2", DrillMethod.link));

    NodeDrill drill = awaitDrill(d -> d.phase().isFinished());
    assertThat(drill.phase()).isEqualTo(DrillPhase.Refused);
    assertThat(drill.message()).contains("eth1 is down already");
    assertThat(drill.ports()).isNull();
    assertThat(host.drills).hasValue(0);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.events())
                    .filteredOn(e -> ChildDrills.REFUSED.equals(e.getReason()))
                    .extracting(Event::getType)
                    .contains("Warning"));
  }

  @Test
  void aDrillCutOffByARestartPutsEveryPortBackAndIsReportedFailed() {
    DrillRequest request = new DrillRequest("monthly", "uid-3", DrillMethod.link);
    agent.close();
    // what an agent that died mid-drill left: its Running record, and the request still there
    api.client()
        .resources(BondBridgeNode.class)
        .withName(CHILD)
        .editStatus(
            c -> {
              c.setStatus(
                  new BondBridgeNodeStatusBuilder(c.getStatus())
                      .withDrill(
                          new NodeDrill(
                              NODE,
                              "monthly",
                              "uid-3",
                              DrillMethod.link,
                              DrillPhase.Running,
                              "failing each port of bond0 in turn",
                              null,
                              null,
                              "2026-12-03T10:00:00Z",
                              null,
                              null))
                      .build());
              return c;
            });
    ask(request);
    host.pull("eth0"); // the port the dead drill had set down

    agent = started();

    NodeDrill drill = awaitDrill(d -> d.phase() == DrillPhase.Failed);
    assertThat(drill.message()).contains("the agent stopped during the drill");
    assertThat(drill.startedAt()).isEqualTo("2026-12-03T10:00:00Z");
    assertThat(host.portsPutBack).hasValue(1);
    assertThat(host.drills).as("not drilled again").hasValue(0);
    awaitStatus(s -> s.phase() == Phase.Ready && "2/2".equals(s.portsUp()));
  }

  @Test
  void aChildWhoseGenerationIsNotOnTheHostRefusesTheDrill() {
    host.failApplies(true);
    api.client()
        .resources(BondBridgeNode.class)
        .withName(CHILD)
        .edit(
            c -> {
              c.setSpec(
                  NodeAgentApiTest.spec(
                      "vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth1", "eth0"));
              return c;
            });
    awaitStatus(s -> s.phase() == Phase.Failed);

    ask(new DrillRequest("monthly", "uid-4", DrillMethod.link));

    NodeDrill drill = awaitDrill(d -> d.phase().isFinished());
    assertThat(drill.phase()).isEqualTo(DrillPhase.Refused);
    assertThat(drill.message()).contains("generation 2 is not on the host (phase Failed)");
    assertThat(host.drills).hasValue(0);
  }

  private void ask(DrillRequest request) {
    api.client()
        .resources(BondBridgeNode.class)
        .withName(CHILD)
        .edit(
            c -> {
              c.getMetadata().getAnnotations().put(DrillRequest.ANNOTATION, request.toJson());
              return c;
            });
  }

  private NodeDrill awaitDrill(Predicate<NodeDrill> until) {
    return awaitStatus(s -> s.drill() != null && until.test(s.drill())).drill();
  }

  private BondBridgeNodeStatus awaitStatus(Predicate<BondBridgeNodeStatus> until) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              BondBridgeNode c = api.child(CHILD);
              return c == null ? null : c.getStatus();
            },
            s -> s != null && until.test(s));
  }
}

package io.bondbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.cluster.AgentCommand;
import io.bondbridge.agent.cluster.AgentMetrics;
import io.bondbridge.agent.cluster.KernelLinkMonitor;
import io.bondbridge.agent.cluster.NodeAgent;
import io.bondbridge.agent.cluster.NodeHost;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeDrillSpec;
import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillPort;
import io.bondbridge.api.v1alpha1.NodeDrill;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.bondbridge.testkit.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A BondBridgeDrill on two nodes of one kernel: node-a is the VM's own network (the lab), node-b a
 * network namespace of its own wired to the same switch (its eth0 and eth1, address 10.0.0.4), its
 * agent a separate process in that namespace (the agent's jar, as the DaemonSet runs it), reaching
 * the mock API server over a link of its own. The REAL operator drills one node, then the other,
 * and the drill's status holds both nodes' figures as each agent measured them on the kernel.
 */
class TwoNodeDrillKernelIT {
  private static final String NODE_B = "node-b";
  private static final String API_IP = "192.168.250.1";
  private static final Duration LONG = Duration.ofSeconds(240);
  private static final Map<String, String> LABELS = Map.of("bondbridge.io/uplink", "true");

  private KernelLab lab;
  private MockApiServer server;
  private Process agentB;
  private Path agentLog;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(
        KernelLab.inKernelVm(), "needs a kernel with bonding: run through vm/kernel-tests.sh");
    Path jar = repo().resolve("node-agent/target/bondbridge-agent.jar");
    assumeTrue(Files.exists(jar), "build the agent jar first: mvn -pl node-agent package");
    lab = KernelLab.withNics(2);
    wireNodeB();
    server =
        MockApiServer.builder()
            .listeningOn(API_IP)
            .withNode(OneNodeCluster.NODE, LABELS)
            .withNode(NODE_B, LABELS)
            .patientClients()
            .start();
    BondBridgeOperator operator =
        new BondBridgeOperator(
            server.newClient(),
            OperatorSettings.defaults(),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    operator.start();
    server.closeFirst(operator::stop);
    ApiClient a = AgentClients.patient(server);
    NodeAgent agentA =
        new NodeAgent(
            a,
            OneNodeCluster.NODE,
            NodeHost.guarded(
                new ProcessRunner(),
                Files.createTempDirectory("bondbridge-state"),
                AgentCommand.apiServer(a)),
            new KernelLinkMonitor(new ProcessRunner()),
            new AgentMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC(),
            NodeAgent.DEFAULT_EVENT_NAMESPACE);
    agentA.start();
    server.closeFirst(agentA);
    agentB = startAgentB(jar);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (agentB != null) {
      agentB.destroy();
      if (!agentB.waitFor(30, TimeUnit.SECONDS)) {
        agentB.destroyForcibly();
      }
    }
    if (server != null) {
      server.close();
    }
    if (lab != null) {
      lab.runner.run(List.of("ip", "netns", "del", NODE_B));
      lab.close();
    }
  }

  @Test
  void theOperatorDrillsOneNodeThenTheOtherAndReportsBoth() throws Exception {
    KubernetesClient client = server.client();
    client
        .resource(
            Serialization.unmarshal(
                Files.readString(FullFlowKernelIT.examples().resolve("bond.yaml")),
                BondBridge.class))
        .create();
    for (String node : List.of(OneNodeCluster.NODE, NODE_B)) {
      await()
          .atMost(LONG)
          .pollInterval(Duration.ofMillis(500))
          .alias(node + " Ready (agent log " + agentLog + ")")
          .until(() -> phase("vm-uplink." + node) == Phase.Ready);
    }
    assertThat(lab.runner.run(List.of("ip", "-n", NODE_B, "-o", "link", "show", "bond0")).stdout())
        .as("node-b's bond is in its own namespace")
        .contains("master br0");

    client
        .resource(
            new BondBridgeDrill(
                "both", new BondBridgeDrillSpec("vm-uplink", null, DrillMethod.link)))
        .create();
    BondBridgeDrillStatus status =
        await()
            .atMost(LONG)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  BondBridgeDrill d =
                      client.resources(BondBridgeDrill.class).withName("both").get();
                  return d == null ? null : d.getStatus();
                },
                s -> s != null && s.phase() != null && s.phase().isFinished());
    System.out.println(Serialization.asYaml(status));

    assertThat(status.phase()).as(status.message()).isEqualTo(DrillPhase.Succeeded);
    assertThat(status.done()).isEqualTo("2/2");
    assertThat(status.nodes()).extracting(NodeDrill::node).containsExactly("node-a", NODE_B);
    for (NodeDrill node : status.nodes()) {
      assertThat(node.gateway()).isEqualTo("10.0.0.1");
      assertThat(node.ports()).extracting(DrillPort::port).containsExactly("eth0", "eth1");
      assertThat(node.ports()).allMatch(DrillPort::ok);
    }
    assertThat(Instant.parse(status.nodes().get(0).finishedAt()))
        .as("node-b was drilled after node-a had finished: one node at a time")
        .isBefore(Instant.parse(status.nodes().get(1).startedAt()));
    for (String node : List.of(OneNodeCluster.NODE, NODE_B)) {
      await()
          .atMost(LONG)
          .until(
              () -> {
                BondBridgeNode c = server.child("vm-uplink." + node);
                return c.getStatus().phase() == Phase.Ready
                    && "2/2".equals(c.getStatus().portsUp());
              });
    }
  }

  /**
   * node-b: a namespace with eth0 and eth1 on the lab's switch, 10.0.0.4, and a link to the API.
   */
  private void wireNodeB() {
    lab.runner.run(List.of("ip", "netns", "del", NODE_B));
    ip("netns", "add", NODE_B);
    ip("-n", NODE_B, "link", "set", "lo", "up");
    for (int i = 0; i < 2; i++) {
      String nic = "nb-eth" + i;
      ip("link", "add", nic, "type", "veth", "peer", "name", "swb" + i, "netns", "sw");
      ip("-n", "sw", "link", "set", "swb" + i, "master", "swbr");
      ip("-n", "sw", "link", "set", "swb" + i, "up");
      ip("link", "set", nic, "address", String.format("52:54:00:bb:0b:%02x", i), "netns", NODE_B);
      ip("-n", NODE_B, "link", "set", nic, "name", "eth" + i);
      ip("-n", NODE_B, "link", "set", "eth" + i, "up");
    }
    ip("-n", NODE_B, "addr", "add", "10.0.0.4/24", "dev", "eth0");
    ip("-n", NODE_B, "route", "add", "default", "via", "10.0.0.1", "dev", "eth0");
    ip("link", "add", "api-a", "type", "veth", "peer", "name", "api-b", "netns", NODE_B);
    ip("addr", "add", API_IP + "/30", "dev", "api-a");
    ip("link", "set", "api-a", "up");
    ip("-n", NODE_B, "addr", "add", "192.168.250.2/30", "dev", "api-b");
    ip("-n", NODE_B, "link", "set", "api-b", "up");
    lab.waitFor(
        Duration.ofSeconds(20),
        () ->
            lab.runner
                .run(
                    List.of(
                        "ip", "netns", "exec", NODE_B, "ping", "-c", "1", "-W", "1", "10.0.0.1"))
                .ok(),
        "node-b to reach the gateway");
  }

  /** node-b's agent: the agent's jar in node-b's namespace, its own state dir and HTTP port. */
  private Process startAgentB(Path jar) throws IOException {
    Path state = Files.createTempDirectory("bondbridge-state-b");
    agentLog = Files.createTempFile("agent-b", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                NODE_B,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + repo().resolve("node-agent/agent.jvm"),
                "-jar",
                jar.toString(),
                "agent",
                "--node",
                NODE_B,
                "--http-port",
                "9813",
                "--state-dir",
                state.toString())
            .redirectErrorStream(true)
            .redirectOutput(agentLog.toFile());
    pb.environment().put("KUBECONFIG", server.kubeconfig().toString());
    return pb.start();
  }

  private Phase phase(String child) {
    BondBridgeNode c = server.child(child);
    return c == null || c.getStatus() == null ? null : c.getStatus().phase();
  }

  private void ip(String... args) {
    lab.ip(args);
  }

  private static Path repo() {
    return FullFlowKernelIT.examples().getParent();
  }
}

package io.bondbridge.e2e;

import io.bondbridge.agent.cluster.AgentCommand;
import io.bondbridge.agent.cluster.AgentMetrics;
import io.bondbridge.agent.cluster.KernelLinkMonitor;
import io.bondbridge.agent.cluster.NodeAgent;
import io.bondbridge.agent.cluster.NodeHost;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.bondbridge.testkit.InClusterFront;
import io.bondbridge.testkit.MockApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A one-node "cluster" in this JVM: the fabric8 mock API server (CRUD mode, the BondBridge CRDs
 * installed), a Node object labelled so that examples/bond.yaml selects it, the REAL operator and
 * the REAL node agent — whose engine acts on this machine's kernel (the VM's).
 */
final class OneNodeCluster implements AutoCloseable {
  static final String NODE = "node-a";
  static final Map<String, String> NODE_LABELS =
      Map.of("bondbridge.io/uplink", "true", "kubernetes.io/hostname", NODE);

  private final MockApiServer server =
      MockApiServer.builder().withNode(NODE, NODE_LABELS).patientClients().start();
  final KubernetesClient client = server.client();
  private BondBridgeOperator operator;
  private NodeAgent agent;

  private OneNodeCluster() {}

  static OneNodeCluster start() {
    return new OneNodeCluster();
  }

  /** Adds labels to the node, e.g. those a BondBridge's nodeSelector asks for. */
  void labelNode(Map<String, String> labels) {
    server.labelNode(NODE, labels);
  }

  /** The real operator, as OperatorMain runs it (no leader election: one replica). */
  OneNodeCluster startOperator() {
    KubernetesClient c = server.newClient();
    operator =
        new BondBridgeOperator(
            c, OperatorSettings.defaults(), new SimpleMeterRegistry(), Clock.systemUTC());
    operator.start();
    server.closeFirst(operator::stop);
    return this;
  }

  /**
   * The real agent, as {@code bondbridge agent} runs it: the guarded engine (probes, checkpoints in
   * a fresh state dir, the API server as a probe) and {@code ip -o monitor link}.
   */
  NodeAgent startAgent() {
    try {
      return startAgent(Files.createTempDirectory("bondbridge-state"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The real agent with its state (checkpoints, the record of applied specs) in {@code stateDir}.
   */
  NodeAgent startAgent(Path stateDir) {
    return startAgent(AgentClients.patient(server), stateDir);
  }

  /**
   * The real agent with an API server that does not answer (a port nothing listens on): the node
   * after a reboot, cut off from the control plane until its bond is back.
   */
  NodeAgent startAgentWithoutApiServer(Path stateDir) {
    return startAgent(AgentClients.unanswered(), stateDir);
  }

  private NodeAgent startAgent(ApiClient c, Path stateDir) {
    agent =
        new NodeAgent(
            c,
            NODE,
            NodeHost.guarded(new ProcessRunner(), stateDir, AgentCommand.apiServer(c)),
            new KernelLinkMonitor(new ProcessRunner()),
            new AgentMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
            Clock.systemUTC(),
            NodeAgent.DEFAULT_EVENT_NAMESPACE);
    agent.start();
    server.closeFirst(agent);
    return agent;
  }

  /** {@code kubectl apply -f FILE} of a new BondBridge. */
  BondBridge apply(Path yaml) {
    try {
      return client
          .resource(Serialization.unmarshal(Files.readString(yaml), BondBridge.class))
          .create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BondBridge apply(String yaml) {
    return client.resource(Serialization.unmarshal(yaml, BondBridge.class)).create();
  }

  void delete(String bondBridge) {
    server.deleteBondBridge(bondBridge);
  }

  /** {@code kubectl delete bondbridge NAME --wait}: until it and its BondBridgeNodes are gone. */
  void deleteAndAwaitGone(String bondBridge, Duration atMost) {
    delete(bondBridge);
    Awaitility.await()
        .atMost(atMost)
        .until(() -> bondBridge(bondBridge) == null && children().isEmpty());
  }

  BondBridge bondBridge(String name) {
    return server.bondBridge(name);
  }

  BondBridgeNode child(String name) {
    return server.child(name);
  }

  /**
   * Waits (up to {@code atMost}) for the named BondBridgeNode's status to satisfy {@code until}.
   */
  BondBridgeNodeStatus awaitStatus(
      String child, Duration atMost, Predicate<BondBridgeNodeStatus> until) {
    return Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              BondBridgeNode c = child(child);
              return c == null ? null : c.getStatus();
            },
            s -> s != null && until.test(s));
  }

  List<BondBridgeNode> children() {
    return server.children();
  }

  List<Event> events() {
    return server.events(NodeAgent.DEFAULT_EVENT_NAMESPACE);
  }

  /** What {@code kubectl get bondbridges,bondbridgenodes -o wide} would print. */
  String kubectlGet() {
    return KubectlTable.render(client.resources(BondBridge.class).list().getItems())
        + "\n"
        + KubectlTable.render(children());
  }

  /**
   * The API server as an agent's pod reaches it (HTTPS, a service account to mount), for a separate
   * agent process; closed with the cluster.
   */
  InClusterFront inCluster() throws IOException {
    InClusterFront front =
        InClusterFront.of(server, Files.createTempDirectory("bondbridge-in-cluster"));
    server.closeFirst(front);
    return front;
  }

  /** A kubeconfig for a separate agent process (the benchmark runs the real jar). */
  Path kubeconfig() throws IOException {
    return server.kubeconfig();
  }

  @Override
  public void close() {
    server.close();
  }
}

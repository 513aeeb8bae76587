package io.bondbridge.e2e;

import io.bondbridge.agent.cluster.AgentCommand;
import io.bondbridge.agent.cluster.AgentMetrics;
import io.bondbridge.agent.cluster.KernelLinkMonitor;
import io.bondbridge.agent.cluster.NodeAgent;
import io.bondbridge.agent.cluster.NodeHost;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
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

  private static final List<Logger> QUIET = new ArrayList<>();

  static {
    for (String name : List.of("io.fabric8.mockwebserver", "")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      QUIET.add(logger);
    }
  }

  final KubernetesMockServer server;
  final KubernetesClient client;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private BondBridgeOperator operator;
  private NodeAgent agent;

  private OneNodeCluster() {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init();
    client = newClient();
    for (String crd :
        List.of("bondbridges.bondbridge.io-v1.yml", "bondbridgenodes.bondbridge.io-v1.yml")) {
      try (InputStream in = BondBridge.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) { // a retried create whose first try got through
          throw e;
        }
      }
    }
    client
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE)
                .withLabels(NODE_LABELS)
                .endMetadata()
                .build())
        .create();
  }

  /**
   * A client with patient timeouts: under software emulation on a busy machine the mock server's
   * event loop stalls for seconds, and a request that times out is retried (a 409 on a create).
   */
  private KubernetesClient newClient() {
    return server.createClient(
        b ->
            b.editOrNewConfig()
                .withRequestTimeout(120_000)
                .withConnectionTimeout(30_000)
                .endConfig());
  }

  static OneNodeCluster start() {
    return new OneNodeCluster();
  }

  /** Adds labels to the node, e.g. those a BondBridge's nodeSelector asks for. */
  void labelNode(Map<String, String> labels) {
    client
        .nodes()
        .withName(NODE)
        .edit(
            n -> {
              n.getMetadata().getLabels().putAll(labels);
              return n;
            });
  }

  /** The real operator, as OperatorMain runs it (no leader election: one replica). */
  OneNodeCluster startOperator() {
    KubernetesClient c = newClient();
    operator =
        new BondBridgeOperator(
            c, OperatorSettings.defaults(), new SimpleMeterRegistry(), Clock.systemUTC());
    operator.start();
    toClose.add(c);
    toClose.add(operator::stop);
    return this;
  }

  /**
   * The real agent, as {@code bondbridge agent} runs it: the guarded engine (probes, checkpoints in
   * a fresh state dir, the API server as a probe) and {@code ip -o monitor link}.
   */
  NodeAgent startAgent() {
    KubernetesClient c = newClient();
    Path stateDir;
    try {
      stateDir = Files.createTempDirectory("bondbridge-state");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    toClose.add(c);
    toClose.add(agent);
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
    client.resources(BondBridge.class).withName(bondBridge).delete();
  }

  /** {@code kubectl delete bondbridge NAME --wait}: until it and its BondBridgeNodes are gone. */
  void deleteAndAwaitGone(String bondBridge, Duration atMost) {
    delete(bondBridge);
    Awaitility.await()
        .atMost(atMost)
        .until(() -> bondBridge(bondBridge) == null && children().isEmpty());
  }

  BondBridge bondBridge(String name) {
    return client.resources(BondBridge.class).withName(name).get();
  }

  BondBridgeNode child(String name) {
    return client.resources(BondBridgeNode.class).withName(name).get();
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
    return client.resources(BondBridgeNode.class).list().getItems();
  }

  List<Event> events() {
    return client.v1().events().inNamespace(NodeAgent.DEFAULT_EVENT_NAMESPACE).list().getItems();
  }

  /** What {@code kubectl get bondbridges,bondbridgenodes -o wide} would print. */
  String kubectlGet() {
    return KubectlTable.render(client.resources(BondBridge.class).list().getItems())
        + "\n"
        + KubectlTable.render(children());
  }

  /** A kubeconfig for a separate agent process (the benchmark runs the real jar). */
  Path kubeconfig() throws IOException {
    String url = "http://" + server.getHostName() + ":" + server.getPort();
    Path file = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters: [{name: mock, cluster: {server: \"" + url + "\"}}]",
            "users: [{name: agent, user: {token: mock}}]",
            "contexts: [{name: mock, context: {cluster: mock, user: agent, namespace: default}}]",
            "current-context: mock",
            ""));
    return file;
  }

  @Override
  public void close() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        // best effort: the server goes next anyway
      }
    }
    client.close();
    server.destroy();
  }
}

package io.bondbridge.agent.cluster;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiEndpoint;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.MockApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kit's mock API server ({@link MockApiServer}: CRUD mode, the BondBridge CRDs installed) and
 * an agent client that reaches it through a {@link CuttableProxy} and records every request it
 * sends.
 */
final class MockApi implements AutoCloseable {
  private final MockApiServer server = MockApiServer.start();
  private final CuttableProxy proxy;
  final List<String> agentRequests = Collections.synchronizedList(new ArrayList<>());

  MockApi() {
    try {
      proxy = new CuttableProxy(server.port());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test's own client, straight to the server: setup and assertions. */
  KubernetesClient client() {
    return server.client();
  }

  /** A client for an agent, through the proxy, failing fast like {@link AgentCommand}'s. */
  ApiClient agentClient() {
    return new ApiClient(
        ApiEndpoint.plain(URI.create(proxy.url())),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        agentRequests::add);
  }

  /**
   * An agent of this node on the simulated host, through {@link #agentClient()}, not yet started: a
   * test starts its watch or calls its reconciler itself.
   */
  NodeAgent agent(String node, SimulatedHost host, String eventNamespace) {
    return new NodeAgent(
        agentClient(),
        node,
        host,
        host,
        new AgentMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC(),
        eventNamespace);
  }

  void cut() {
    proxy.cut();
  }

  void restore() {
    try {
      proxy.restore();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A BondBridgeNode as the operator makes it: labelled, owned by its BondBridge. */
  void createChild(BondBridge owner, BondBridgeNodeSpec spec, String nodeLabel) {
    BondBridgeNode child = new BondBridgeNode();
    child.setMetadata(
        new ObjectMetaBuilder()
            .withName(spec.bondBridge() + "." + spec.node())
            .addToLabels(BondBridgeNode.NODE_LABEL, nodeLabel)
            .addToLabels(BondBridgeNode.POLICY_LABEL, spec.bondBridge())
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(owner.getApiVersion())
                    .withKind(owner.getKind())
                    .withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid())
                    .withController(true)
                    .build())
            .build());
    child.setSpec(spec);
    client().resource(child).create();
  }

  BondBridgeNode child(String name) {
    return server.child(name);
  }

  List<Event> events() {
    return events(NodeAgent.DEFAULT_EVENT_NAMESPACE);
  }

  List<Event> events(String namespace) {
    return server.events(namespace);
  }

  @Override
  public void close() {
    proxy.close();
    server.close();
  }
}

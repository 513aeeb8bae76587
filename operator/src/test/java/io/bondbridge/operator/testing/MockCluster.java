package io.bondbridge.operator.testing;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.bondbridge.testkit.MockApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kit's mock API server ({@link MockApiServer}: CRUD mode, the BondBridge CRDs installed) with
 * what the operator's tests add: the real operator started against it, simulated agents.
 */
public final class MockCluster implements AutoCloseable {
  private final MockApiServer server = MockApiServer.start();

  private MockCluster() {}

  public static MockCluster start() {
    return new MockCluster();
  }

  /** The test's own client: setup and assertions. */
  public KubernetesClient client() {
    return server.client();
  }

  /** A fresh client, e.g. one for the operator, one for the simulated agents. */
  public KubernetesClient newClient() {
    return server.newClient();
  }

  /** A client that counts the HTTP requests it sends (watch opens included). */
  public KubernetesClient newCountingClient(AtomicLong requests) {
    return server.newCountingClient(requests);
  }

  /** A client whose every request (each attempt) goes through the interceptor first. */
  public KubernetesClient newClient(Interceptor interceptor) {
    return server.newClient(interceptor);
  }

  /** Lets leader election start: see {@link MockApiServer#allowLeases()}. */
  public void allowLeases() {
    server.allowLeases();
  }

  /**
   * The API server refuses the next create of a BondBridgeNode with this code and message, as a
   * real one would for an admission webhook or policy (the CRUD mock validates nothing).
   */
  public void refuseNextChildCreate(int code, String reason, String message) {
    server.refuseNextCreate(BondBridgeNode.class, code, reason, message);
  }

  /**
   * Stores an object as given, as JSON: a BondBridge or BondBridgeNode that the Java types cannot
   * read (an older, looser CRD let it in). The mock checks no schema, like that old CRD.
   */
  public void createRaw(String kind, String json) {
    server.createRaw(kind, json);
  }

  /** An object as stored, as a map: to check that nobody rewrote what could not be read. */
  public GenericKubernetesResource raw(String kind, String name) {
    return server.raw(kind, name);
  }

  /** All requests the server has seen, from every client. */
  public int requestCount() {
    return server.requestCount();
  }

  /** The real operator, started, with a short NoAgent timeout unless told otherwise. */
  public BondBridgeOperator startOperator(Duration agentTimeout) {
    return startOperator(newClient(), OperatorSettings.defaults().withAgentTimeout(agentTimeout));
  }

  /** The real operator on this client and these settings, started; stopped on close. */
  public BondBridgeOperator startOperator(KubernetesClient operatorClient, OperatorSettings s) {
    return startOperator(operatorClient, s, new SimpleMeterRegistry());
  }

  /** The real operator, its metrics in {@code registry}, started; stopped on close. */
  public BondBridgeOperator startOperator(
      KubernetesClient operatorClient, OperatorSettings s, MeterRegistry registry) {
    BondBridgeOperator operator =
        new BondBridgeOperator(operatorClient, s, registry, Clock.systemUTC());
    operator.start();
    server.closeFirst(operator::stop);
    return operator;
  }

  public SimulatedAgents startAgents() {
    SimulatedAgents agents = new SimulatedAgents(newClient());
    server.closeFirst(agents);
    return agents;
  }

  public Node addNode(String name, Map<String, String> labels) {
    return server.addNode(name, labels);
  }

  public void setNodeLabels(String name, Map<String, String> labels) {
    server.setNodeLabels(name, labels);
  }

  public void deleteNode(String name) {
    server.deleteNode(name);
  }

  public BondBridge create(BondBridge bb) {
    return server.create(bb);
  }

  public BondBridge bondBridge(String name) {
    return server.bondBridge(name);
  }

  public List<BondBridgeNode> children(String bondBridge) {
    return server.children(bondBridge);
  }

  public BondBridgeNode child(String name) {
    return server.child(name);
  }

  /** Every BondBridge and BondBridgeNode as YAML: for a failing test's message. */
  public String dump() {
    return server.dump();
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.bondbridge.operator.testing;

import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.bondbridge.testkit.ClusterObjects;
import io.bondbridge.testkit.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kit's mock API server ({@link MockApiServer}: CRUD mode, the BondBridge CRDs installed) with
 * what the operator's tests add: the real operator started against it, simulated agents. The
 * objects ({@link ClusterObjects}) through the test's client.
 */
public final class MockCluster implements ClusterObjects, AutoCloseable {
  private final MockApiServer server = MockApiServer.start();

  private MockCluster() {}

  public static MockCluster start() {
    return new MockCluster();
  }

  /** The test's own client: setup and assertions. */
  @Override
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

  @Override
  public void close() {
    server.close();
  }
}

package io.bondbridge.operator.testing;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.operator.BondBridgeOperator;
import io.bondbridge.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fabric8 mock API server in CRUD mode with the BondBridge CRDs installed (status subresource
 * semantics need the CRDs), plus helpers to create nodes and run the real operator against it.
 */
public final class MockCluster implements AutoCloseable {
  // the mock logs every request through java.util.logging; keep the loggers referenced
  private static final List<Logger> QUIET = new ArrayList<>();

  static {
    for (String name : List.of("io.fabric8.mockwebserver", "okhttp3", "io.vertx", "")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      QUIET.add(logger);
    }
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  private MockCluster() {
    // one map for both: expectations (expect()) answer first, the CRUD store the rest
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    server.init();
    client = server.createClient();
    for (String crd :
        List.of("bondbridges.bondbridge.io-v1.yml", "bondbridgenodes.bondbridge.io-v1.yml")) {
      try (InputStream in = BondBridge.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      } catch (Exception e) {
        throw new IllegalStateException("cannot install CRD " + crd, e);
      }
    }
  }

  public static MockCluster start() {
    return new MockCluster();
  }

  /** The test's own client: setup and assertions. */
  public KubernetesClient client() {
    return client;
  }

  /** A fresh client, e.g. one for the operator, one for the simulated agents. */
  public KubernetesClient newClient() {
    KubernetesClient c = server.createClient();
    toClose.add(c);
    return c;
  }

  /** A client that counts the HTTP requests it sends (watch opens included). */
  public KubernetesClient newCountingClient(AtomicLong requests) {
    return newClient(
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            requests.incrementAndGet();
          }
        });
  }

  /** A client whose every request (each attempt) goes through the interceptor first. */
  public KubernetesClient newClient(Interceptor interceptor) {
    KubernetesClient c =
        server.createClient(
            b ->
                b.withHttpClientBuilderConsumer(
                    h -> h.addOrReplaceInterceptor("test", interceptor)));
    toClose.add(c);
    return c;
  }

  /**
   * Lets leader election start: JOSDK first checks its access to Leases with a
   * SelfSubjectRulesReview, which the CRUD mock would only store and echo back without a status.
   * Answered here, always, with get/create/update on leases.coordination.k8s.io.
   */
  public void allowLeases() {
    SelfSubjectRulesReview review =
        new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "update")
            .endResourceRule()
            .endStatus()
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review)
        .always();
  }

  /**
   * The API server refuses the next create of a BondBridgeNode with this code and message, as a
   * real one would for an admission webhook or policy (the CRUD mock validates nothing).
   */
  public void refuseNextChildCreate(int code, String reason, String message) {
    server
        .expect()
        .post()
        .withPath("/apis/bondbridge.io/v1alpha1/bondbridgenodes")
        .andReturn(
            code,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build())
        .once();
  }

  /**
   * Stores an object as given, as JSON: a BondBridge or BondBridgeNode that the Java types cannot
   * read (an older, looser CRD let it in). The mock checks no schema, like that old CRD.
   */
  public void createRaw(String kind, String json) {
    GenericKubernetesResource raw = Serialization.unmarshal(json, GenericKubernetesResource.class);
    client.genericKubernetesResources("bondbridge.io/v1alpha1", kind).resource(raw).create();
  }

  /** An object as stored, as a map: to check that nobody rewrote what could not be read. */
  public GenericKubernetesResource raw(String kind, String name) {
    return client.genericKubernetesResources("bondbridge.io/v1alpha1", kind).withName(name).get();
  }

  /** All requests the server has seen, from every client. */
  public int requestCount() {
    return server.getRequestCount();
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
    toClose.add(operator::stop);
    return operator;
  }

  public SimulatedAgents startAgents() {
    SimulatedAgents agents = new SimulatedAgents(newClient());
    toClose.add(agents);
    return agents;
  }

  public Node addNode(String name, Map<String, String> labels) {
    return client
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  public void setNodeLabels(String name, Map<String, String> labels) {
    client
        .nodes()
        .withName(name)
        .edit(
            n -> {
              n.getMetadata().setLabels(new HashMap<>(labels));
              return n;
            });
  }

  public void deleteNode(String name) {
    client.nodes().withName(name).delete();
  }

  public BondBridge create(BondBridge bb) {
    return client.resource(bb).create();
  }

  public BondBridge bondBridge(String name) {
    return client.resources(BondBridge.class).withName(name).get();
  }

  public List<BondBridgeNode> children(String bondBridge) {
    return client
        .resources(BondBridgeNode.class)
        .withLabel(BondBridgeNode.POLICY_LABEL, bondBridge)
        .list()
        .getItems();
  }

  public BondBridgeNode child(String name) {
    return client.resources(BondBridgeNode.class).withName(name).get();
  }

  /** Every BondBridge and BondBridgeNode as YAML: for a failing test's message. */
  public String dump() {
    return Serialization.asYaml(client.resources(BondBridge.class).list().getItems())
        + Serialization.asYaml(client.resources(BondBridgeNode.class).list().getItems());
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

package io.bondbridge.testkit;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 mock API server in CRUD mode with the BondBridge CRDs installed from the crds jar
 * (status subresource semantics need the CRDs in the mock), built once for every module's tests:
 *
 * <pre>{@code
 * MockApiServer api = MockApiServer.builder().withNode("node-a", labels).patientClients().start();
 * }</pre>
 *
 * Expectations ({@link #allowLeases()}) answer first, the CRUD store the rest. What the mock can
 * and cannot do is in shared/notes/toolchain.md.
 */
public final class MockApiServer implements ClusterObjects, AutoCloseable {
  // the mock logs every request through java.util.logging; keep the loggers referenced
  private static final List<Logger> QUIET = new ArrayList<>();

  static {
    for (String name : List.of("io.fabric8.mockwebserver", "okhttp3", "io.vertx", "")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      QUIET.add(logger);
    }
  }

  private static final List<String> CRDS =
      List.of(
          "bondbridges.bondbridge.io-v1.yml",
          "bondbridgenodes.bondbridge.io-v1.yml",
          "bondbridgedrills.bondbridge.io-v1.yml");

  private final KubernetesMockServer server;
  private final ApiServerAnswers answers;
  private final boolean patient;
  private final KubernetesClient client;
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final List<AutoCloseable> users = new ArrayList<>();

  private MockApiServer(Builder b) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    if (b.address == null) {
      server.init();
    } else {
      try {
        // the literal as the host name: no reverse lookup, and the clients' URL uses it
        server.init(
            InetAddress.getByAddress(b.address, InetAddress.getByName(b.address).getAddress()), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + b.address, e);
      }
    }
    answers = new ApiServerAnswers(server);
    patient = b.patient;
    client = newClient();
    for (String crd : CRDS) {
      try (InputStream in = BondBridge.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot install CRD " + crd, e);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) { // a retried create whose first try got through
          throw e;
        }
      }
    }
    if (b.leases) {
      allowLeases();
    }
    b.nodes.forEach(this::addNode);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A server with the CRDs and nothing else. */
  public static MockApiServer start() {
    return builder().start();
  }

  public static final class Builder {
    private final Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
    private boolean patient;
    private boolean leases;
    private String address;

    private Builder() {}

    /**
     * Listens on this IPv4 address instead of localhost (which must be on an interface already):
     * how an agent in another network namespace of the kernel VM reaches it.
     */
    public Builder listeningOn(String address) {
      this.address = address;
      return this;
    }

    /** A Node object with these labels, there from the start. */
    public Builder withNode(String name, Map<String, String> labels) {
      nodes.put(name, labels);
      return this;
    }

    /**
     * Clients with patient timeouts (120 s a request, 30 s to connect): under software emulation on
     * a busy machine the mock server's event loop stalls for seconds, and a request that times out
     * is retried (a 409 on a create).
     */
    public Builder patientClients() {
      patient = true;
      return this;
    }

    /** Leader election may start: see {@link MockApiServer#allowLeases()}. */
    public Builder allowingLeases() {
      leases = true;
      return this;
    }

    public MockApiServer start() {
      return new MockApiServer(this);
    }
  }

  /** The test's own client: setup and assertions. */
  @Override
  public KubernetesClient client() {
    return client;
  }

  /** A fresh client, e.g. one for the operator, one for an agent; closed with the server. */
  public KubernetesClient newClient() {
    return newClient(b -> {});
  }

  /** A client whose every request (each attempt) goes through the interceptor first. */
  public KubernetesClient newClient(Interceptor interceptor) {
    return newClient(
        b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("test", interceptor)));
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

  /**
   * An interceptor that records each request a client sends (each attempt) as "METHOD URI", e.g. to
   * show which calls an agent makes; give it a synchronized list.
   */
  public static Interceptor recording(List<String> requests) {
    return new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        requests.add(request.method() + " " + request.uri());
      }
    };
  }

  /**
   * A client configured for this server (and patient if the builder said so), then by {@code
   * customize}: e.g. another master URL, other timeouts, an interceptor.
   */
  public KubernetesClient newClient(Consumer<KubernetesClientBuilder> customize) {
    KubernetesClient c =
        server.createClient(
            b -> {
              if (patient) {
                b.editOrNewConfig()
                    .withRequestTimeout(120_000)
                    .withConnectionTimeout(30_000)
                    .endConfig();
              }
              customize.accept(b);
            });
    synchronized (clients) {
      clients.add(c);
    }
    return c;
  }

  /**
   * Lets leader election start: JOSDK first checks its access to Leases with a
   * SelfSubjectRulesReview, which the CRUD mock would only store and echo back without a status.
   * See {@link ApiServerAnswers#allowLeases()}.
   */
  public void allowLeases() {
    answers.allowLeases();
  }

  /**
   * The API server refuses the next create of a {@code type} (BondBridge or BondBridgeNode) with
   * this code and message, as a real one would for an admission webhook or policy (the CRUD mock
   * validates nothing).
   */
  public void refuseNextCreate(
      Class<? extends HasMetadata> type, int code, String reason, String message) {
    answers.refuseNextCreate(type, code, reason, message);
  }

  /** All requests the server has seen, from every client. */
  public int requestCount() {
    return server.getRequestCount();
  }

  /** The server's URL, e.g. for a proxy in front of it or a separate process's kubeconfig. */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A kubeconfig file for a separate process (e.g. the agent's real jar). */
  public Path kubeconfig() throws IOException {
    return Kubeconfig.write(url());
  }

  /**
   * Closes {@code user} (an operator, an agent) when the server closes, before its clients and the
   * server itself, the last one registered first.
   */
  public void closeFirst(AutoCloseable user) {
    synchronized (users) {
      users.add(user);
    }
  }

  @Override
  public void close() {
    List<AutoCloseable> started;
    synchronized (users) {
      started = new ArrayList<>(users);
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // best effort: the server goes next anyway
      }
    }
    List<KubernetesClient> all;
    synchronized (clients) {
      all = List.copyOf(clients);
    }
    all.forEach(KubernetesClient::close);
    server.destroy();
  }
}

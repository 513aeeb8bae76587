package io.bondbridge.agent.cluster;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 mock API server in CRUD mode with the BondBridge CRDs installed from the crds jar
 * (status subresource semantics need them), and an agent client that reaches it through a {@link
 * CuttableProxy} and records every request it sends.
 */
final class MockApi implements AutoCloseable {
  private static final List<Logger> QUIET = new ArrayList<>();

  static {
    for (String name : List.of("io.fabric8.mockwebserver", "")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      QUIET.add(logger);
    }
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final CuttableProxy proxy;
  private final List<KubernetesClient> clients = new ArrayList<>();
  final List<String> agentRequests = java.util.Collections.synchronizedList(new ArrayList<>());

  MockApi() {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init();
    client = server.createClient();
    for (String crd :
        List.of("bondbridges.bondbridge.io-v1.yml", "bondbridgenodes.bondbridge.io-v1.yml")) {
      try (InputStream in = BondBridge.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      proxy = new CuttableProxy(server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test's own client, straight to the server: setup and assertions. */
  KubernetesClient client() {
    return client;
  }

  /** A client for an agent, through the proxy, failing fast like {@link AgentCommand}'s. */
  KubernetesClient agentClient() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(proxy.url())
            .withNamespace("default")
            .withConnectionTimeout(2_000)
            .withRequestTimeout(5_000)
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClient c =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                h ->
                    h.addOrReplaceInterceptor(
                        "record",
                        new Interceptor() {
                          @Override
                          public void before(
                              BasicBuilder builder, HttpRequest request, RequestTags tags) {
                            agentRequests.add(request.method() + " " + request.uri());
                          }
                        }))
            .build();
    clients.add(c);
    return c;
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

  BondBridgeNode child(String name) {
    return client.resources(BondBridgeNode.class).withName(name).get();
  }

  List<Event> events() {
    return events(NodeAgent.DEFAULT_EVENT_NAMESPACE);
  }

  List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  @Override
  public void close() {
    proxy.close();
    clients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }
}

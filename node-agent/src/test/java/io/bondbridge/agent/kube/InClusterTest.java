package io.bondbridge.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.testkit.InClusterFront;
import io.bondbridge.testkit.MockApiServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's in-cluster path end to end: HTTPS to the service address, trusting the service
 * account's ca.crt (and nothing else), a list and a watch over a secure WebSocket. The API server
 * is the mock behind a TLS front on loopback ({@link InClusterFront}).
 */
class InClusterTest {
  @TempDir Path dir;

  private MockApiServer server;
  private InClusterFront front;

  @BeforeEach
  void start() throws IOException {
    server = MockApiServer.start();
    front = InClusterFront.of(server, dir);
  }

  @AfterEach
  void stop() {
    front.close();
    server.close();
  }

  private ApiClient client(Path serviceAccount) throws IOException {
    return new ApiClient(
        ApiEndpoint.inPod("127.0.0.1", Integer.toString(front.port()), serviceAccount),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        r -> {});
  }

  private static BondBridgeNode child(String name) {
    BondBridgeNode c = new BondBridgeNode();
    c.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .addToLabels(BondBridgeNode.NODE_LABEL, "node-a")
            .build());
    return c;
  }

  @Test
  void aPodsAgentListsAndWatchesOverTlsTrustingTheClustersCa() throws IOException {
    server.client().resource(child("a.node-a")).create();
    try (ResourceWatch<BondBridgeNode> watch =
        new ResourceWatch<>(
            client(front.serviceAccount()),
            ApiPaths.collection(BondBridgeNode.class),
            BondBridgeNode.NODE_LABEL + "=node-a",
            BondBridgeNode.class,
            c -> {})) {
      watch.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> watch.hasSynced() && watch.isWatching());
      assertThat(watch.get("a.node-a")).isNotNull();

      server.client().resource(child("b.node-a")).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> watch.get("b.node-a") != null);
    }
  }

  @Test
  void anApiServerWhoseCertificateTheCaDidNotSignIsNotSpokenTo() throws IOException {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("token"), "t");
    try (InputStream ca = getClass().getResourceAsStream("/kube/ca.crt")) {
      Files.write(other.resolve("ca.crt"), ca.readAllBytes());
    }
    ApiClient stranger = client(other);

    assertThatThrownBy(
            () -> stranger.get(ApiPaths.collection(BondBridgeNode.class), Map.of(), Object.class))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isZero();
              assertThat(e.brief()).containsIgnoringCase("certificat");
            });
  }
}

package io.bondbridge.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pod's service account as the agent reads it (client-go's in-cluster config). */
class ApiEndpointTest {
  @TempDir Path dir;

  private void serviceAccount(String token) throws IOException {
    Files.writeString(dir.resolve("token"), token + "\n");
    try (InputStream ca = getClass().getResourceAsStream("/kube/ca.crt")) {
      Files.write(dir.resolve("ca.crt"), ca.readAllBytes());
    }
  }

  @Test
  void inAPodTheServiceAddressOverHttpsTrustingTheClustersCaWithTheMountedToken()
      throws IOException {
    serviceAccount("token-1");

    ApiEndpoint e = ApiEndpoint.inPod("10.96.0.1", "443", dir);

    assertThat(e.server()).hasToString("https://10.96.0.1:443");
    assertThat(e.tls()).isNotNull();
    assertThat(e.token().get()).isEqualTo("token-1");
    assertThat(ApiEndpoint.inPod("fd00::1", "6443", dir).server())
        .hasToString("https://[fd00::1]:6443");
  }

  @Test
  void aRotatedTokenIsReadAgainAfterAMinuteAndAMissingOneKeepsTheLast() throws IOException {
    serviceAccount("token-1");
    MovableClock clock = new MovableClock();
    ApiEndpoint.TokenFile token = new ApiEndpoint.TokenFile(dir.resolve("token"), clock);
    assertThat(token.get()).isEqualTo("token-1");

    Files.writeString(dir.resolve("token"), "token-2");
    clock.now = clock.now.plusSeconds(30);
    assertThat(token.get()).as("within the minute").isEqualTo("token-1");
    clock.now = clock.now.plusSeconds(31);
    assertThat(token.get()).isEqualTo("token-2");

    Files.delete(dir.resolve("token"));
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(token.get()).as("mid-rotation").isEqualTo("token-2");
  }

  @Test
  void aCaThatCannotBeReadIsRefusedNamingTheFile() throws IOException {
    serviceAccount("t");
    Files.writeString(dir.resolve("ca.crt"), "not a certificate");

    assertThatThrownBy(() -> ApiEndpoint.inPod("10.96.0.1", "443", dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir.resolve("ca.crt").toString());
  }

  @Test
  void outsideAPodTheKubeconfigsServerAndTokenAsFabric8ReadsThem() throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters: [{name: c, cluster: {server: \"http://192.0.2.1:8080\"}}]",
            "users: [{name: u, user: {token: dev-token}}]",
            "contexts: [{name: x, context: {cluster: c, user: u}}]",
            "current-context: x",
            ""));
    String was = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kubeconfig.toString());
    try {
      ApiEndpoint e = ApiEndpoint.fromKubeconfig();

      assertThat(e.server()).hasToString("http://192.0.2.1:8080/");
      assertThat(e.token().get()).isEqualTo("dev-token");
      assertThat(e.tls()).as("plain http").isNull();
    } finally {
      if (was == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", was);
      }
    }
  }

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-03T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

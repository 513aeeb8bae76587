package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bondbridge.operator.testing.MockCluster;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The operator as a process runs it: options, probes, metrics; and status written sparingly. */
class RunningItTest {

  @Test
  void optionsHaveDefaultsAndParseDurations() {
    OperatorMain main = new OperatorMain();
    new CommandLine(main)
        .parseArgs("--agent-timeout", "90s", "--leader-election=false", "--lease-namespace", "ops");
    OperatorSettings s = main.settings();
    assertThat(s.agentTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.leaderElection()).isFalse();
    assertThat(s.leaseNamespace()).isEqualTo("ops");
    assertThat(s.leaseName()).isEqualTo("bondbridge-operator");

    OperatorMain defaults = new OperatorMain();
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.settings().agentTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.settings().leaderElection()).isTrue();
    assertThat(defaults.settings().leaseTimings()).isEqualTo(OperatorSettings.LeaseTimings.DEFAULT);
    OperatorMain shortLease = new OperatorMain();
    new CommandLine(shortLease)
        .parseArgs(
            "--lease-duration=4s", "--lease-renew-deadline=3s", "--lease-retry-period=500ms");
    assertThat(shortLease.settings().leaseTimings())
        .isEqualTo(
            new OperatorSettings.LeaseTimings(
                Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500)));
    OperatorMain badLease = new OperatorMain();
    new CommandLine(badLease).parseArgs("--lease-duration=10s", "--lease-renew-deadline=10s");
    assertThatThrownBy(badLease::settings)
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("renew deadline");
    assertThat(new OperatorMain.DurationConverter().convert("PT2M"))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(new OperatorMain.DurationConverter().convert("250ms"))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(new CommandLine(new OperatorMain()).getUsageMessage())
        .contains("BONDBRIDGE_AGENT_TIMEOUT");
  }

  @Test
  void probesAndMetricsAndStatusWrittenOnlyWhenItChanged() throws Exception {
    try (MockCluster cluster = MockCluster.start()) {
      cluster.startAgents();
      cluster.addNode("n1", Map.of("uplink", "yes"));
      cluster.addNode("n2", Map.of("uplink", "yes"));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      BondBridgeOperator operator =
          new BondBridgeOperator(
              cluster.newClient(), OperatorSettings.defaults(), registry, Clock.systemUTC());
      try (ProbeServer probes =
          new ProbeServer(0, operator::isAlive, operator::isReady, registry::scrape)) {
        probes.start();
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, probes, "/readyz").statusCode()).isEqualTo(503);
        operator.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> get(http, probes, "/readyz").statusCode() == 200);
        assertThat(get(http, probes, "/healthz").statusCode()).isEqualTo(200);

        cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), "100%")));
        await().atMost(Duration.ofSeconds(30)).until(() -> converged(cluster, "uplink", 2));
        String metrics = get(http, probes, "/metrics").body();
        assertThat(metrics).contains("bondbridge_nodes{phase=\"Ready\"} 2.0");
        assertThat(metrics).contains("operator_sdk_");

        // an event that changes nothing the status shows: the BondBridge is not written again
        String resourceVersion = cluster.bondBridge("uplink").getMetadata().getResourceVersion();
        Map<String, String> labels = new HashMap<>(Map.of("uplink", "yes", "rack", "r7"));
        cluster.setNodeLabels("n1", labels);
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(3))
            .until(
                () ->
                    resourceVersion.equals(
                        cluster.bondBridge("uplink").getMetadata().getResourceVersion()));
      } finally {
        operator.stop();
      }
    }
  }

  private static HttpResponse<String> get(HttpClient http, ProbeServer probes, String path)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + probes.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

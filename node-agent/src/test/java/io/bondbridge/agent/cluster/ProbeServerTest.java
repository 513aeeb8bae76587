package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Liveness, readiness and the scrape on the agent's one small HTTP port. */
class ProbeServerTest {

  @Test
  void healthzReadyzAndMetrics() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (ProbeServer server =
        new ProbeServer(0, () -> true, ready::get, () -> "bondbridge_agent_link_events_total 3\n")
            .start()) {
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").statusCode()).as("not watching yet").isEqualTo(503);
      ready.set(true);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body()).contains("bondbridge_agent_link_events_total 3");
    }
  }

  private static HttpResponse<String> get(ProbeServer server, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}

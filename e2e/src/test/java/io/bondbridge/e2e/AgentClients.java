package io.bondbridge.e2e;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiEndpoint;
import io.bondbridge.testkit.MockApiServer;
import java.net.URI;
import java.time.Duration;

/** The agent's API client for a test's mock server, patient as the kit's patient clients. */
public final class AgentClients {
  private AgentClients() {}

  /** Patient: under emulation (the kernel VM) a first request can take tens of seconds. */
  public static ApiClient patient(MockApiServer server) {
    return patient(server.url());
  }

  public static ApiClient patient(String url) {
    return new ApiClient(
        ApiEndpoint.plain(URI.create(url)),
        Duration.ofSeconds(30),
        Duration.ofSeconds(120),
        r -> {});
  }

  /** An API server that does not answer: a port nothing listens on, given up on within 1 s. */
  public static ApiClient unanswered() {
    return new ApiClient(
        ApiEndpoint.plain(URI.create("http://127.0.0.1:9/")),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        r -> {});
  }
}
